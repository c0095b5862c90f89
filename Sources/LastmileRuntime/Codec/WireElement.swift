import LastmileTensor

/// An element type the codecs read from JSON and binary data and write back.
protocol WireElement: TensorElement {
    /// Reads one element (a leaf of `data`) at the scanner.
    static func readJSON(_ scanner: inout JSONScanner, field: CodecField, index: Int) throws -> Self
    /// Reads `count` elements of the binary tensor data extension, which must fill `raw` exactly.
    static func readBinary(_ raw: UnsafeRawBufferPointer, count: Int, field: CodecField) throws -> [Self]
    /// Writes the element as a JSON value.
    func writeJSON(to writer: inout ByteWriter)
    /// Writes elements in the binary tensor data layout.
    static func writeBinary(_ values: [Self], to writer: inout ByteWriter)
}

extension WireElement {
    static func notA(_ what: String, _ field: CodecField, _ index: Int) -> RuntimeError {
        field.error("element \(index) is not \(what) (datatype \(dtype.v2Name))")
    }

    /// Reads fixed-size little-endian elements with `load`, checking the byte count.
    static func readFixed(
        _ raw: UnsafeRawBufferPointer, count: Int, size: Int, field: CodecField,
        _ load: (UnsafeRawBufferPointer, Int) -> Self
    ) throws -> [Self] {
        guard raw.count == count * size else {
            throw field.error("has binary_data_size \(raw.count), but \(count) elements of \(dtype.v2Name) need \(count * size) bytes")
        }
        return [Self](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count { buffer.initializeElement(at: i, to: load(raw, i * size)) }
            initialized = count
        }
    }
}

// MARK: - Floating point

/// Reads the JSON forms of a float: a number, null (NaN) or "NaN" / "Infinity" / "-Infinity".
private func readFloatLeaf<T: WireElement & BinaryFloatingPoint>(
    _ scanner: inout JSONScanner, field: CodecField, index: Int, convert: (JSONNumber, UnsafeRawBufferPointer) -> T
) throws -> T {
    switch scanner.peek() {
    case UInt8(ascii: "\""):
        let text = try scanner.decode(try scanner.readStringSpan()).lowercased()
        switch text {
        case "nan": return .nan
        case "inf", "infinity", "+inf", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: throw T.notA("a number, \"NaN\", \"Infinity\" or \"-Infinity\"", field, index)
        }
    case UInt8(ascii: "n"):
        guard scanner.consumeLiteral("null") else { throw scanner.syntaxError("a value") }
        return .nan
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        let number = try scanner.readNumber()
        let value = convert(number, scanner.bytes)
        guard value.isFinite else { throw field.error("element \(index) is out of the range of \(T.dtype.v2Name)") }
        return value
    default:
        throw T.notA("a number", field, index)
    }
}

extension Float: WireElement {
    static func readJSON(_ scanner: inout JSONScanner, field: CodecField, index: Int) throws -> Float {
        try readFloatLeaf(&scanner, field: field, index: index) { $0.float(in: $1) }
    }
    static func readBinary(_ raw: UnsafeRawBufferPointer, count: Int, field: CodecField) throws -> [Float] {
        try readFixed(raw, count: count, size: 4, field: field) { Float(bitPattern: UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: $1, as: UInt32.self))) }
    }
    func writeJSON(to writer: inout ByteWriter) { writer.append(self) }
    static func writeBinary(_ values: [Float], to writer: inout ByteWriter) {
        for v in values { writer.appendLittleEndian(v.bitPattern) }
    }
}

extension Double: WireElement {
    static func readJSON(_ scanner: inout JSONScanner, field: CodecField, index: Int) throws -> Double {
        try readFloatLeaf(&scanner, field: field, index: index) { $0.double(in: $1) }
    }
    static func readBinary(_ raw: UnsafeRawBufferPointer, count: Int, field: CodecField) throws -> [Double] {
        try readFixed(raw, count: count, size: 8, field: field) { Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: $1, as: UInt64.self))) }
    }
    func writeJSON(to writer: inout ByteWriter) { writer.append(self) }
    static func writeBinary(_ values: [Double], to writer: inout ByteWriter) {
        for v in values { writer.appendLittleEndian(v.bitPattern) }
    }
}

extension Float16: WireElement {
    static func readJSON(_ scanner: inout JSONScanner, field: CodecField, index: Int) throws -> Float16 {
        try readFloatLeaf(&scanner, field: field, index: index) { $0.float16(in: $1) }
    }
    static func readBinary(_ raw: UnsafeRawBufferPointer, count: Int, field: CodecField) throws -> [Float16] {
        try readFixed(raw, count: count, size: 2, field: field) { Float16(bitPattern: UInt16(littleEndian: $0.loadUnaligned(fromByteOffset: $1, as: UInt16.self))) }
    }
    func writeJSON(to writer: inout ByteWriter) { writer.append(self) }
    static func writeBinary(_ values: [Float16], to writer: inout ByteWriter) {
        for v in values { writer.appendLittleEndian(v.bitPattern) }
    }
}

// MARK: - Integers

/// An integer element: JSON numbers that are whole and in range.
protocol WireInteger: WireElement, FixedWidthInteger {}

extension WireInteger {
    static func readJSON(_ scanner: inout JSONScanner, field: CodecField, index: Int) throws -> Self {
        switch scanner.peek() {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let number = try scanner.readNumber()
            if let value = number.integer(Self.self, in: scanner.bytes) { return value }
            if !number.isInteger, case let d = number.double(in: scanner.bytes), d.rounded(.towardZero) != d {
                throw notA("a whole number", field, index)
            }
            throw field.error("element \(index) is out of the range of \(dtype.v2Name) (\(Self.min)...\(Self.max))")
        default:
            throw notA("a number", field, index)
        }
    }
    static func readBinary(_ raw: UnsafeRawBufferPointer, count: Int, field: CodecField) throws -> [Self] {
        try readFixed(raw, count: count, size: MemoryLayout<Self>.size, field: field) { Self(littleEndian: $0.loadUnaligned(fromByteOffset: $1, as: Self.self)) }
    }
    func writeJSON(to writer: inout ByteWriter) {
        if Self.isSigned { writer.append(Int64(truncatingIfNeeded: self)) } else { writer.append(UInt64(truncatingIfNeeded: self)) }
    }
    static func writeBinary(_ values: [Self], to writer: inout ByteWriter) {
        for v in values { writer.appendLittleEndian(v) }
    }
}

extension Int8: WireInteger {}
extension Int16: WireInteger {}
extension Int32: WireInteger {}
extension Int64: WireInteger {}
extension UInt8: WireInteger {}
extension UInt16: WireInteger {}
extension UInt32: WireInteger {}
extension UInt64: WireInteger {}

// MARK: - Bool and strings

extension Bool: WireElement {
    static func readJSON(_ scanner: inout JSONScanner, field: CodecField, index: Int) throws -> Bool {
        switch scanner.peek() {
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if scanner.consumeLiteral("true") { return true }
            if scanner.consumeLiteral("false") { return false }
            throw scanner.syntaxError("a value")
        case UInt8(ascii: "0"), UInt8(ascii: "1"):
            let number = try scanner.readNumber()
            guard number.isInteger, let bit = number.integer(UInt8.self, in: scanner.bytes), bit <= 1 else {
                throw notA("true, false, 0 or 1", field, index)
            }
            return bit == 1
        default:
            throw notA("a boolean", field, index)
        }
    }
    static func readBinary(_ raw: UnsafeRawBufferPointer, count: Int, field: CodecField) throws -> [Bool] {
        try readFixed(raw, count: count, size: 1, field: field) { $0[$1] != 0 }
    }
    func writeJSON(to writer: inout ByteWriter) { writer.append(self ? "true" : "false") }
    static func writeBinary(_ values: [Bool], to writer: inout ByteWriter) {
        for v in values { writer.append(UInt8(v ? 1 : 0)) }
    }
}

extension String: WireElement {
    static func readJSON(_ scanner: inout JSONScanner, field: CodecField, index: Int) throws -> String {
        guard scanner.peek() == UInt8(ascii: "\"") else { throw notA("a string", field, index) }
        return try scanner.decode(try scanner.readStringSpan())
    }
    static func readBinary(_ raw: UnsafeRawBufferPointer, count: Int, field: CodecField) throws -> [String] {
        var values: [String] = []
        values.reserveCapacity(Swift.min(count, raw.count / 4))
        var offset = 0
        while values.count < count {
            guard raw.count - offset >= 4 else {
                throw field.error("has binary data for \(values.count) of \(count) BYTES elements; each needs a 4-byte length")
            }
            let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            offset += 4
            guard raw.count - offset >= length else {
                throw field.error("element \(values.count) declares \(length) bytes, but only \(raw.count - offset) remain in its binary data")
            }
            guard let text = String(validating: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + length]), as: UTF8.self) else {
                throw field.error("element \(values.count) is not valid UTF-8 (datatype BYTES carries text)")
            }
            values.append(text)
            offset += length
        }
        guard offset == raw.count else {
            throw field.error("has binary_data_size \(raw.count), but its \(count) BYTES elements use \(offset) bytes")
        }
        return values
    }
    func writeJSON(to writer: inout ByteWriter) { writer.appendQuoted(self) }
    static func writeBinary(_ values: [String], to writer: inout ByteWriter) {
        for v in values {
            writer.appendLittleEndian(UInt32(truncatingIfNeeded: v.utf8.count))
            writer.append(contentsOf: Array(v.utf8))
        }
    }
}
