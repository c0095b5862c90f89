extension OpRegistry {
    /// Registers the Reduction family of ops.
    mutating func registerReductionOps() {
        register("ReduceSum") { ctx in try ReduceKernel.reduceSum(ctx) }
        register("ReduceMean") { ctx in try ReduceKernel.reduceMean(ctx) }
        register("ReduceMax") { ctx in try ReduceKernel.reduceMax(ctx) }
        register("ReduceMin") { ctx in try ReduceKernel.reduceMin(ctx) }
        register("ReduceProd") { ctx in try ReduceKernel.reduceProd(ctx) }
        register("ReduceL1") { ctx in try ReduceKernel.reduceL1(ctx) }
        register("ReduceL2") { ctx in try ReduceKernel.reduceL2(ctx) }
        register("ReduceLogSum") { ctx in try ReduceKernel.reduceLogSum(ctx) }
        register("ReduceLogSumExp") { ctx in try ReduceKernel.reduceLogSumExp(ctx) }
        register("ReduceSumSquare") { ctx in try ReduceKernel.reduceSumSquare(ctx) }
        register("ArgMax") { ctx in try ArgReduceKernel.argMax(ctx) }
        register("ArgMin") { ctx in try ArgReduceKernel.argMin(ctx) }
        register("CumSum") { ctx in try CumSumKernel(ctx) }
        register("TopK") { ctx in try TopKKernel(ctx) }
    }
}
