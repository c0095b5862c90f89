extension OpRegistry {
    /// Registers the Normalization family of ops.
    mutating func registerNormalizationOps() {
    }
}
