extension OpRegistry {
    /// Registers the Logic family of ops.
    mutating func registerLogicOps() {
    }
}
