import LastmileEngine
import LastmileTensor

/// Writes tensor elements as JSON values or binary tensor data.
enum TensorWriter {
    /// What to write of a tensor's elements.
    enum Part {
        /// All elements as one flat JSON list.
        case flatList
        /// All elements in the binary tensor data layout.
        case binary
        /// The elements from `start` as nested lists shaped `dims` (one value when `dims` is empty).
        case nested(start: Int, dims: [Int])
        /// The element at an index, as a JSON value.
        case element(Int)
        /// The element at an index as a JSON object key (a quoted string).
        case key(Int)
    }

    /// Writes `part` of `storage`.
    static func write(_ storage: TensorStorage, _ part: Part, to writer: inout ByteWriter) {
        switch storage {
        case .float32(let a): write(a, part, to: &writer)
        case .float64(let a): write(a, part, to: &writer)
        case .float16(let a): write(a, part, to: &writer)
        case .int8(let a): write(a, part, to: &writer)
        case .int16(let a): write(a, part, to: &writer)
        case .int32(let a): write(a, part, to: &writer)
        case .int64(let a): write(a, part, to: &writer)
        case .uint8(let a): write(a, part, to: &writer)
        case .uint16(let a): write(a, part, to: &writer)
        case .uint32(let a): write(a, part, to: &writer)
        case .uint64(let a): write(a, part, to: &writer)
        case .bool(let a): write(a, part, to: &writer)
        case .string(let a): write(a, part, to: &writer)
        }
    }

    private static func write<T: WireElement>(_ values: [T], _ part: Part, to writer: inout ByteWriter) {
        switch part {
        case .flatList:
            writer.append(UInt8(ascii: "["))
            for i in values.indices {
                if i > 0 { writer.append(UInt8(ascii: ",")) }
                values[i].writeJSON(to: &writer)
            }
            writer.append(UInt8(ascii: "]"))
        case .binary:
            T.writeBinary(values, to: &writer)
        case .nested(let start, let dims):
            _ = writeNested(values, from: start, dims: dims, level: 0, to: &writer)
        case .element(let i):
            values[i].writeJSON(to: &writer)
        case .key(let i):
            if let text = values[i] as? String {
                writer.appendQuoted(text)
            } else {
                writer.append(UInt8(ascii: "\""))
                values[i].writeJSON(to: &writer)
                writer.append(UInt8(ascii: "\""))
            }
        }
    }

    private static func writeNested<T: WireElement>(_ values: [T], from start: Int, dims: [Int], level: Int, to writer: inout ByteWriter) -> Int {
        if level == dims.count {
            values[start].writeJSON(to: &writer)
            return start + 1
        }
        writer.append(UInt8(ascii: "["))
        var next = start
        if level + 1 == dims.count {
            for k in 0..<dims[level] {
                if k > 0 { writer.append(UInt8(ascii: ",")) }
                values[next].writeJSON(to: &writer)
                next += 1
            }
        } else {
            for k in 0..<dims[level] {
                if k > 0 { writer.append(UInt8(ascii: ",")) }
                next = writeNested(values, from: next, dims: dims, level: level + 1, to: &writer)
            }
        }
        writer.append(UInt8(ascii: "]"))
        return next
    }

    /// The size of a tensor in the binary tensor data layout.
    static func binarySize(_ storage: TensorStorage) -> Int {
        if case .string(let a) = storage { return a.reduce(0) { $0 + 4 + $1.utf8.count } }
        return storage.count * storage.dtype.byteSize
    }

    /// Writes a map (one ZipMap row) as a JSON object from key to value.
    static func writeMap(_ map: MapValue, to writer: inout ByteWriter) {
        writer.append(UInt8(ascii: "{"))
        for i in 0..<min(map.keys.count, map.values.count) {
            if i > 0 { writer.append(UInt8(ascii: ",")) }
            write(map.keys.storage, .key(i), to: &writer)
            writer.append(UInt8(ascii: ":"))
            write(map.values.storage, .element(i), to: &writer)
        }
        writer.append(UInt8(ascii: "}"))
    }

    /// Checks that a sequence holds only maps, so it can be written as a list of objects.
    static func checkMaps(_ items: [Value], output name: String) throws {
        for item in items {
            guard case .map = item else {
                throw RuntimeError(.inferenceFailed, "output \(CodecField.quote(name)) is a sequence of \(item.typeDescription); only tensors and sequences of maps (ZipMap) can be written")
            }
        }
    }
}
