/// A small deterministic random generator (SplitMix64), so seeded random tests repeat.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `0..<bound`.
    public mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A float in `[0, 1)` with 24 random bits.
    public mutating func unit() -> Float { Float(next() >> 40) / Float(1 << 24) }
}
