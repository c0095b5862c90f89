/// An append-only byte buffer for writing JSON replies without intermediate strings.
struct ByteWriter {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends literal ASCII text (JSON punctuation and keys).
    @inline(__always)
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(contentsOf raw: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: raw)
    }

    mutating func append(contentsOf other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    /// Appends a whole number in decimal.
    mutating func append(_ value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(value.magnitude)
        } else {
            append(UInt64(value))
        }
    }

    /// Appends a whole number in decimal.
    mutating func append(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var v = value
            var i = 20
            while v > 0 {
                i -= 1
                digits[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i..<20]))
        }
    }

    /// Appends a float as its shortest round-trip text; NaN and infinities as JSON strings.
    mutating func append(_ value: Float) {
        if value.isFinite { appendText(value.description) } else { appendNonFinite(value.isNaN, value < 0) }
    }

    /// Appends a double as its shortest round-trip text; NaN and infinities as JSON strings.
    mutating func append(_ value: Double) {
        if value.isFinite { appendText(value.description) } else { appendNonFinite(value.isNaN, value < 0) }
    }

    /// Appends a half-precision float as its shortest round-trip text; NaN and infinities as JSON strings.
    mutating func append(_ value: Float16) {
        if value.isFinite { appendText(value.description) } else { appendNonFinite(value.isNaN, value < 0) }
    }

    private mutating func appendNonFinite(_ isNaN: Bool, _ negative: Bool) {
        if isNaN { append("\"NaN\"") } else if negative { append("\"-Infinity\"") } else { append("\"Infinity\"") }
    }

    /// Appends text known to need no escaping (number text).
    private mutating func appendText(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends a string as a quoted JSON string literal.
    mutating func appendQuoted(_ text: String) {
        var text = text
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let c = utf8[i]
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                runStart = i + 1
                switch c {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                default:
                    append("\\u00")
                    bytes.append(Self.hexDigits[Int(c >> 4)])
                    bytes.append(Self.hexDigits[Int(c & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the little-endian bytes of a fixed-width integer.
    @inline(__always)
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
