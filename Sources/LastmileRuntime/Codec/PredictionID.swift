/// A prediction id: a UUIDv7 (RFC 9562), so ids sort by the millisecond they were made.
///
/// Kept as its 16 bytes (two big-endian halves) so the inference log stores it in binary;
/// `description` is the usual 8-4-4-4-12 hex text replies and log reads show.
public struct PredictionID: Sendable, Hashable, CustomStringConvertible {
    /// Bytes 0-7: 48 bits of Unix milliseconds, the version and 12 random bits.
    public var high: UInt64
    /// Bytes 8-15: the variant and 62 random bits.
    public var low: UInt64

    /// The id with the given halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public var description: String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            let digits: StaticString = "0123456789abcdef"
            var out = 0
            // 8-4-4-4-12 hex digits: a dash after the 8th, 12th, 16th and 20th.
            for index in 0..<32 {
                if index == 8 || index == 12 || index == 16 || index == 20 {
                    buffer[out] = UInt8(ascii: "-")
                    out += 1
                }
                let word = index < 16 ? high : low
                let nibble = Int((word >> UInt64((15 - index % 16) * 4)) & 0xF)
                buffer[out] = digits.utf8Start[nibble]
                out += 1
            }
            return out
        }
    }
}

/// Makes prediction ids for one request.
///
/// It is seeded once from the system's random source and then draws the 74 random bits of
/// each id from SplitMix64, so a 1,000-row request costs one system call rather than a
/// thousand (ids need to be unique, not secret).
public struct PredictionIDGenerator {
    private var state: UInt64

    /// A generator seeded from the system's random source.
    public init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    private mutating func nextRandom() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A new id for `timeMillis`: 48 bits of Unix milliseconds, the version and variant bits,
    /// and 74 random bits.
    public mutating func make(timeMillis: Int64) -> PredictionID {
        let time = UInt64(max(0, timeMillis))
        // bytes 0-5: time; 6: version 7 + 4 random bits; 7: random; 8: variant + 6 random bits; 9-15: random
        let high = (time << 16) | (0x7000 | (nextRandom() & 0x0FFF))
        let low = 0x8000_0000_0000_0000 | (nextRandom() & 0x3FFF_FFFF_FFFF_FFFF)
        return PredictionID(high: high, low: low)
    }
}
