extension OpRegistry {
    /// Registers the Activation family of ops.
    mutating func registerActivationOps() {
    }
}
