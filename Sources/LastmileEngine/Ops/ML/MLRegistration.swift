extension OpRegistry {
    /// Registers the ML family of ops.
    mutating func registerMLOps() {
    }
}
