extension OpRegistry {
    /// Registers the Quantization family of ops.
    mutating func registerQuantizationOps() {
    }
}
