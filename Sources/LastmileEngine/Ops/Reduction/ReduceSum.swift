extension ReduceKernel {
    /// ReduceSum (opsets 1, 11, 13): the sum; an empty set sums to 0.
    /// Axes are an attribute before opset 13, an optional input from then on.
    static func reduceSum(_ ctx: NodeContext) throws -> ReduceKernel {
        try ReduceKernel(ctx, kind: .sum, axesInputSince: 13)
    }
}
