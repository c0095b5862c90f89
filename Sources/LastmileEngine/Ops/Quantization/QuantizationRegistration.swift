extension OpRegistry {
    /// Registers the Quantization family of ops.
    mutating func registerQuantizationOps() {
        register("QuantizeLinear") { ctx in try QuantizeLinearKernel(ctx) }
        register("DequantizeLinear") { ctx in try DequantizeLinearKernel(ctx) }
        register("DynamicQuantizeLinear") { ctx in try DynamicQuantizeLinearKernel(ctx) }
        register("QLinearMatMul") { ctx in try QLinearMatMulKernel(ctx) }
        register("QLinearConv") { ctx in try QLinearConvKernel(ctx) }
        register("ConvInteger") { ctx in try ConvIntegerKernel(ctx) }
        register("NegativeLogLikelihoodLoss") { ctx in try NegativeLogLikelihoodLossKernel(ctx) }
        register("SoftmaxCrossEntropyLoss") { ctx in try SoftmaxCrossEntropyLossKernel(ctx) }
    }
}
