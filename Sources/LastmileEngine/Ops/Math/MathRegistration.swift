extension OpRegistry {
    /// Registers the Math family of ops.
    mutating func registerMathOps() {
    }
}
