extension ReduceKernel {
    /// ReduceL2 (opsets 1, 11, 13, 18): the square root of the sum of squares.
    /// Axes are an attribute before opset 18, an optional input from then on.
    static func reduceL2(_ ctx: NodeContext) throws -> ReduceKernel {
        try ReduceKernel(ctx, kind: .l2, axesInputSince: 18)
    }
}
