extension OpRegistry {
    /// Registers the Recurrent family of ops.
    mutating func registerRecurrentOps() {
    }
}
