import LastmileEngine
import LastmileTensor

/// The inference log's encoding of one request: its tensors in binary, as the engine holds
/// them, and the metadata a records reply carries.
///
/// Logging must cost little on the request path, so a request is logged as one memory copy
/// of its inputs and outputs rather than as JSON (writing JSON numbers costs far more than
/// serving a small model). Reads decode a batch and render its rows with
/// `RecordsCodec.encodeReplyRows`, so logged rows look exactly like inference replies.
///
/// Layout (integers little-endian; a string is a u32 byte count and UTF-8):
///
/// ```
/// u8   format (2; format 1 is the same without the shadows at the end)
/// u32  rows
/// i64  pipeline version
/// u64  elapsed nanoseconds
/// u32  model versions, then each as a string
/// rows × 16 bytes  prediction ids
/// u32  validation names, then each as a string, then per row a bitset of the flagged ones
/// u32  inputs, then each as a string (name) and a value
/// u32  outputs, then each as a string (name) and a value
/// u32  shadows (challengers), then each as model and version id strings, u8 1 and the error
///      string when it failed, or u8 0 and its outputs like the outputs above
/// value: u8 kind, then
///   0 tensor:   u8 ONNX dtype code, u8 rank, rank × i64 dims, the elements (raw bytes;
///               booleans one byte each; strings each as a string)
///   1 sequence: u32 items, then each a value
///   2 map:      a keys tensor value, then a values tensor value
/// ```
public enum LogBatchCodec {
    /// The format this code writes and reads.
    static let format: UInt8 = 2

    /// One decoded request, ready for `RecordsCodec.encodeReplyRows`.
    public struct Batch: Sendable {
        /// The number of rows.
        public var rows: Int
        /// The request's inputs by name.
        public var inputs: [String: Tensor]
        /// The inputs' names in the pipeline's order.
        public var inputOrder: [String]
        /// The outputs in the pipeline's order.
        public var outputs: [NamedValue]
        /// The challengers' outputs or errors, for pipelines with shadow steps.
        public var shadows: [ShadowOutputs]
        /// The reply metadata, prediction ids and anomalies included.
        public var metadata: RecordMetadata
    }

    /// Encodes a request's `rows` rows. `metadata.anomalies` and `ids` are per row (or empty).
    /// Throws `RuntimeError(.inferenceFailed)` when an input in `inputOrder` is missing or a
    /// value cannot be split into `rows` rows the way replies split them (so every logged
    /// batch can be rendered when it is read).
    public static func encode(
        rows: Int, inputs: [String: Tensor], inputOrder: [String], outputs: [NamedValue], shadows: [ShadowOutputs] = [],
        metadata: RecordMetadata, ids: [PredictionID]
    ) throws -> [UInt8] {
        for name in inputOrder {
            if let tensor = inputs[name] { _ = try RecordsCodec.rowDims(of: .tensor(tensor), rows: rows, role: "input", name: name) }
        }
        for output in outputs { _ = try RecordsCodec.rowDims(of: output.value, rows: rows, role: "output", name: output.name) }
        for shadow in shadows {
            for output in shadow.values ?? [] { _ = try RecordsCodec.rowDims(of: output.value, rows: rows, role: "output", name: output.name) }
        }
        var writer = BinaryWriter(capacity: 64 + rows * 16 + inputs.values.reduce(0) { $0 + $1.count * 4 } + outputs.count * 16 * rows)
        writer.append(format)
        writer.append(UInt32(truncatingIfNeeded: rows))
        writer.append(Int64(metadata.pipelineVersion))
        writer.append(metadata.elapsedNanos)
        writer.append(UInt32(truncatingIfNeeded: metadata.modelVersions.count))
        for id in metadata.modelVersions { writer.append(id) }
        for row in 0..<rows {
            let id = row < ids.count ? ids[row] : PredictionID(high: 0, low: 0)
            writer.append(id.high)
            writer.append(id.low)
        }
        let names = metadata.validationNames
        writer.append(UInt32(truncatingIfNeeded: names.count))
        for name in names { writer.append(name) }
        if !names.isEmpty {
            let rowBytes = (names.count + 7) / 8
            for row in 0..<rows {
                var bits = [UInt8](repeating: 0, count: rowBytes)
                if row < metadata.anomalies.count {
                    for flagged in metadata.anomalies[row] {
                        if let index = names.firstIndex(of: flagged) { bits[index / 8] |= 1 << UInt8(index % 8) }
                    }
                }
                writer.bytes.append(contentsOf: bits)
            }
        }
        writer.append(UInt32(truncatingIfNeeded: inputOrder.count))
        for name in inputOrder {
            guard let tensor = inputs[name] else {
                throw RuntimeError(.inferenceFailed, "input \(CodecField.quote(name)) is missing from the request being logged")
            }
            writer.append(name)
            writer.append(.tensor(tensor))
        }
        writer.append(outputs)
        writer.append(UInt32(truncatingIfNeeded: shadows.count))
        for shadow in shadows {
            writer.append(shadow.model)
            writer.append(shadow.versionID)
            if let values = shadow.values {
                writer.append(UInt8(0))
                writer.append(values)
            } else {
                writer.append(UInt8(1))
                writer.append(shadow.error ?? "failed")
            }
        }
        return writer.bytes
    }

    /// Decodes a batch `encode` wrote for `pipeline`. Throws `RuntimeError(.inferenceFailed)`
    /// naming what is wrong when the bytes are not such a batch.
    public static func decode(_ body: [UInt8], pipeline: String) throws -> Batch {
        try body.withUnsafeBytes { bytes in
            var reader = BinaryReader(bytes: bytes)
            let format = try reader.byte()
            guard format == 1 || format == Self.format else {
                throw RuntimeError(.inferenceFailed, "a logged request of pipeline \(CodecField.quote(pipeline)) is in format \(format), which this version cannot read")
            }
            let rows = Int(try reader.integer(UInt32.self))
            let version = try reader.integer(Int64.self)
            let elapsed = try reader.integer(UInt64.self)
            var modelVersions: [String] = []
            for _ in 0..<(try reader.count()) { modelVersions.append(try reader.string()) }
            var metadata = RecordMetadata(pipeline: pipeline, pipelineVersion: Int(version), modelVersions: modelVersions, elapsedNanos: elapsed)
            try reader.need(rows * 16)
            metadata.predictionIds = try (0..<rows).map { _ in
                PredictionID(high: try reader.integer(UInt64.self), low: try reader.integer(UInt64.self)).description
            }
            var names: [String] = []
            for _ in 0..<(try reader.count()) { names.append(try reader.string()) }
            metadata.validationNames = names
            if !names.isEmpty {
                let rowBytes = (names.count + 7) / 8
                try reader.need(rows * rowBytes)
                metadata.anomalies = try (0..<rows).map { _ in
                    let bits = try reader.bytes(rowBytes)
                    return names.indices.filter { bits[$0 / 8] & (1 << UInt8($0 % 8)) != 0 }.map { names[$0] }
                }
            }
            var inputs: [String: Tensor] = [:]
            var inputOrder: [String] = []
            for _ in 0..<(try reader.count()) {
                let name = try reader.string()
                guard case .tensor(let tensor) = try reader.value(depth: 0) else {
                    throw RuntimeError(.inferenceFailed, "a logged input of pipeline \(CodecField.quote(pipeline)) is not a tensor")
                }
                inputs[name] = tensor
                inputOrder.append(name)
            }
            let outputs = try reader.namedValues()
            var shadows: [ShadowOutputs] = []
            if format >= 2 {
                for _ in 0..<(try reader.count()) {
                    let model = try reader.string()
                    let versionID = try reader.string()
                    if try reader.byte() == 0 {
                        shadows.append(ShadowOutputs(model: model, versionID: versionID, values: try reader.namedValues(), error: nil))
                    } else {
                        shadows.append(ShadowOutputs(model: model, versionID: versionID, values: nil, error: try reader.string()))
                    }
                }
            }
            guard reader.isAtEnd else {
                throw RuntimeError(.inferenceFailed, "a logged request of pipeline \(CodecField.quote(pipeline)) has \(reader.remaining) bytes after its last output")
            }
            return Batch(rows: rows, inputs: inputs, inputOrder: inputOrder, outputs: outputs, shadows: shadows, metadata: metadata)
        }
    }
}

/// Appends little-endian binary fields for `LogBatchCodec`.
private struct BinaryWriter {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            append(UInt32(truncatingIfNeeded: utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A u32 count, then each value's name and the value.
    mutating func append(_ values: [NamedValue]) {
        append(UInt32(truncatingIfNeeded: values.count))
        for value in values {
            append(value.name)
            append(value.value)
        }
    }

    mutating func append(_ value: Value) {
        switch value {
        case .tensor(let tensor):
            bytes.append(0)
            append(tensor)
        case .sequence(let items):
            bytes.append(1)
            append(UInt32(truncatingIfNeeded: items.count))
            for item in items { append(item) }
        case .map(let map):
            bytes.append(2)
            append(.tensor(map.keys))
            append(.tensor(map.values))
        }
    }

    mutating func append(_ tensor: Tensor) {
        bytes.append(UInt8(truncatingIfNeeded: tensor.dtype.onnxCode))
        bytes.append(UInt8(truncatingIfNeeded: tensor.rank))
        for dim in tensor.shape { append(Int64(dim)) }
        switch tensor.storage {
        case .float32(let values): appendRaw(values)
        case .float64(let values): appendRaw(values)
        case .float16(let values): appendRaw(values)
        case .int8(let values): appendRaw(values)
        case .int16(let values): appendRaw(values)
        case .int32(let values): appendRaw(values)
        case .int64(let values): appendRaw(values)
        case .uint8(let values): bytes.append(contentsOf: values)
        case .uint16(let values): appendRaw(values)
        case .uint32(let values): appendRaw(values)
        case .uint64(let values): appendRaw(values)
        case .bool(let values): for value in values { bytes.append(value ? 1 : 0) }
        case .string(let values): for value in values { append(value) }
        }
    }

    /// The elements' memory as it is: every platform Lastmile builds for is little-endian.
    private mutating func appendRaw<T>(_ values: [T]) {
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}

/// Reads what `BinaryWriter` wrote, checking every length against the bytes left.
private struct BinaryReader {
    let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset == bytes.count }

    func need(_ count: Int) throws {
        guard count >= 0, count <= remaining else {
            throw RuntimeError(.inferenceFailed, "a logged request is cut short: \(count) more bytes needed at byte \(offset), \(remaining) left")
        }
    }

    mutating func byte() throws -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
        try need(MemoryLayout<T>.size)
        defer { offset += MemoryLayout<T>.size }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// A u32 count, checked to be plausible (each counted item takes at least a byte).
    mutating func count() throws -> Int {
        let count = Int(try integer(UInt32.self))
        try need(count)
        return count
    }

    mutating func bytes(_ count: Int) throws -> UnsafeRawBufferPointer {
        try need(count)
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    mutating func string() throws -> String {
        let count = Int(try integer(UInt32.self))
        return String(decoding: try bytes(count), as: UTF8.self)
    }

    /// A u32 count, then each value's name and the value.
    mutating func namedValues() throws -> [NamedValue] {
        var values: [NamedValue] = []
        for _ in 0..<(try count()) {
            let name = try string()
            values.append(NamedValue(name: name, value: try value(depth: 0)))
        }
        return values
    }

    mutating func value(depth: Int) throws -> Value {
        guard depth < 8 else { throw RuntimeError(.inferenceFailed, "a logged value nests deeper than 8 levels") }
        switch try byte() {
        case 0:
            return .tensor(try tensor())
        case 1:
            var items: [Value] = []
            for _ in 0..<(try count()) { items.append(try value(depth: depth + 1)) }
            return .sequence(items)
        case 2:
            guard case .tensor(let keys) = try value(depth: depth + 1), case .tensor(let values) = try value(depth: depth + 1) else {
                throw RuntimeError(.inferenceFailed, "a logged map's keys or values are not tensors")
            }
            do {
                return .map(try MapValue(keys: keys, values: values))
            } catch {
                throw RuntimeError(.inferenceFailed, "a logged map is inconsistent: \(error)")
            }
        case let kind:
            throw RuntimeError(.inferenceFailed, "a logged value has kind \(kind); expected 0 (tensor), 1 (sequence) or 2 (map)")
        }
    }

    private mutating func tensor() throws -> Tensor {
        let code = Int(try byte())
        guard let dtype = DType(onnxCode: code) else {
            throw RuntimeError(.inferenceFailed, "a logged tensor has ONNX dtype code \(code), which this version does not know")
        }
        let rank = Int(try byte())
        try need(rank * 8)
        var shape: [Int] = []
        for _ in 0..<rank {
            let dim = try integer(Int64.self)
            guard dim >= 0, dim <= Int64(Int32.max) else { throw RuntimeError(.inferenceFailed, "a logged tensor has dimension \(dim)") }
            shape.append(Int(dim))
        }
        let (count, overflow) = shape.reduce((1, false)) { partial, dim in
            let product = partial.0.multipliedReportingOverflow(by: dim)
            return (product.partialValue, partial.1 || product.overflow)
        }
        guard !overflow else { throw RuntimeError(.inferenceFailed, "a logged tensor's shape \(shape) is too large") }
        let storage: TensorStorage
        switch dtype {
        case .float32: storage = .float32(try raw(count))
        case .float64: storage = .float64(try raw(count))
        case .float16: storage = .float16(try raw(count))
        case .int8: storage = .int8(try raw(count))
        case .int16: storage = .int16(try raw(count))
        case .int32: storage = .int32(try raw(count))
        case .int64: storage = .int64(try raw(count))
        case .uint8: storage = .uint8(Array(try bytes(count)))
        case .uint16: storage = .uint16(try raw(count))
        case .uint32: storage = .uint32(try raw(count))
        case .uint64: storage = .uint64(try raw(count))
        case .bool: storage = .bool(try bytes(count).map { $0 != 0 })
        case .string:
            try need(count * 4)
            storage = .string(try (0..<count).map { _ in try string() })
        }
        do {
            return try Tensor(shape: shape, storage: storage)
        } catch {
            throw RuntimeError(.inferenceFailed, "a logged tensor is inconsistent: \(error)")
        }
    }

    private mutating func raw<T: BitwiseCopyable>(_ count: Int) throws -> [T] {
        let size = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard !size.overflow else { throw RuntimeError(.inferenceFailed, "a logged tensor of \(count) elements is too large") }
        let source = try bytes(size.partialValue)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            initialized = count
        }
    }
}
