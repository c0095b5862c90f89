extension OpRegistry {
    /// Registers the Signal family of ops.
    mutating func registerSignalOps() {
        register("Attention") { ctx in try AttentionKernel(ctx) }
        register("RotaryEmbedding") { ctx in try RotaryEmbeddingKernel(ctx) }
        register("DFT") { ctx in try DFTKernel(ctx) }
        register("STFT") { ctx in try STFTKernel(ctx) }
        register("HannWindow") { ctx in try HannWindow.kernel(ctx) }
        register("HammingWindow") { ctx in try HammingWindow.kernel(ctx) }
        register("BlackmanWindow") { ctx in try BlackmanWindow.kernel(ctx) }
        register("MelWeightMatrix") { ctx in try MelWeightMatrixKernel(ctx) }
    }
}
