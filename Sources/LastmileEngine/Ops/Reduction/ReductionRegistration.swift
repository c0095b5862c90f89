extension OpRegistry {
    /// Registers the Reduction family of ops.
    mutating func registerReductionOps() {
    }
}
