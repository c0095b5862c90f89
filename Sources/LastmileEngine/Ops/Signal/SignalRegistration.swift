extension OpRegistry {
    /// Registers the Signal family of ops.
    mutating func registerSignalOps() {
    }
}
