import Foundation

/// Prediction ids: UUIDv7 (RFC 9562), so ids sort by the millisecond they were made.
enum PredictionID {
    /// A new UUIDv7 string for `timeMillis`: 48 bits of Unix milliseconds, the version and
    /// variant bits, and 74 random bits.
    static func make(timeMillis: Int64) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16)
        let time = UInt64(max(0, timeMillis))
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: time >> (8 * (5 - UInt64(index))))
        }
        let random: UInt64 = generator.next()
        let more: UInt64 = generator.next()
        for index in 6..<16 {
            let source = index < 14 ? random : more
            bytes[index] = UInt8(truncatingIfNeeded: source >> (8 * UInt64(index % 8)))
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        let hex = bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
        let chars = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
    }
}
