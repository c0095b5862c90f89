extension OpRegistry {
    /// Registers the Tensor family of ops.
    mutating func registerTensorOps() {
    }
}
