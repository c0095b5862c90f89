extension OpRegistry {
    /// Registers the Normalization family of ops.
    mutating func registerNormalizationOps() {
        register("BatchNormalization") { ctx in try BatchNormalizationKernel(ctx) }
        register("LayerNormalization") { ctx in try LayerNormalizationKernel(ctx) }
        register("InstanceNormalization") { ctx in try InstanceNormalizationKernel(ctx) }
        register("LpNormalization") { ctx in try LpNormalizationKernel(ctx) }
        register("MeanVarianceNormalization") { ctx in try MeanVarianceNormalizationKernel(ctx) }
    }
}
