extension ReduceKernel {
    /// ReduceLogSumExp (opsets 1, 11, 13, 18): log(sum(exp(x))), with the maximum
    /// subtracted first so exp cannot overflow.
    /// Axes are an attribute before opset 18, an optional input from then on.
    static func reduceLogSumExp(_ ctx: NodeContext) throws -> ReduceKernel {
        try ReduceKernel(ctx, kind: .logSumExp, axesInputSince: 18)
    }
}
