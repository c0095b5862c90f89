extension OpRegistry {
    /// Registers the Convolution family of ops.
    mutating func registerConvolutionOps() {
    }
}
