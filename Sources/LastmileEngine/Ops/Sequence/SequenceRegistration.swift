extension OpRegistry {
    /// Registers the Sequence family of ops.
    mutating func registerSequenceOps() {
    }
}
