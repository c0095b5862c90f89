extension OpRegistry {
    /// Registers the LinearAlgebra family of ops.
    mutating func registerLinearAlgebraOps() {
        register("MatMul") { ctx in try MatMulKernel(ctx) }
        register("Gemm") { ctx in try GemmKernel(ctx) }
        register("MatMulInteger") { ctx in try MatMulIntegerKernel(ctx) }
        register("Einsum") { ctx in try EinsumKernel(ctx) }
    }
}
