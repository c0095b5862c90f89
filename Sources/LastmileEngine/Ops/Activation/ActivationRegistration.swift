extension OpRegistry {
    /// Registers the Activation family of ops.
    mutating func registerActivationOps() {
        register("Relu") { _ in UnaryKernel(ReluFunction()) }
        register("LeakyRelu") { ctx in UnaryKernel(try LeakyReluFunction(ctx)) }
        register("PRelu") { ctx in try BinaryKernel(PReluFunction(), ctx) }
        register("Elu") { ctx in UnaryKernel(try EluFunction(ctx)) }
        register("Selu") { ctx in UnaryKernel(try SeluFunction(ctx)) }
        register("Celu") { ctx in UnaryKernel(try CeluFunction(ctx)) }
        register("Sigmoid") { _ in UnaryKernel(SigmoidFunction()) }
        register("HardSigmoid") { ctx in UnaryKernel(try HardSigmoidFunction(ctx)) }
        register("HardSwish") { _ in UnaryKernel(HardSwishFunction()) }
        register("Tanh") { _ in UnaryKernel(TanhFunction()) }
        register("Softplus") { _ in UnaryKernel(SoftplusFunction()) }
        register("Softsign") { _ in UnaryKernel(SoftsignFunction()) }
        register("ThresholdedRelu") { ctx in UnaryKernel(try ThresholdedReluFunction(ctx)) }
        register("Shrink") { ctx in UnaryKernel(try ShrinkFunction(ctx)) }
        register("Mish") { _ in UnaryKernel(MishFunction()) }
        register("Gelu") { ctx in UnaryKernel(try GeluFunction(ctx)) }
        register("Softmax") { ctx in try SoftmaxKernel(ctx, log: false) }
        register("LogSoftmax") { ctx in try SoftmaxKernel(ctx, log: true) }
    }
}
