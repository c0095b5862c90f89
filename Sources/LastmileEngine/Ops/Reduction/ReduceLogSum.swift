extension ReduceKernel {
    /// ReduceLogSum (opsets 1, 11, 13, 18): the natural logarithm of the sum.
    /// Axes are an attribute before opset 18, an optional input from then on.
    static func reduceLogSum(_ ctx: NodeContext) throws -> ReduceKernel {
        try ReduceKernel(ctx, kind: .logSum, axesInputSince: 18)
    }
}
