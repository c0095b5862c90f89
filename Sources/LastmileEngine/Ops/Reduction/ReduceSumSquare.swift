extension ReduceKernel {
    /// ReduceSumSquare (opsets 1, 11, 13, 18): the sum of squares.
    /// Axes are an attribute before opset 18, an optional input from then on.
    static func reduceSumSquare(_ ctx: NodeContext) throws -> ReduceKernel {
        try ReduceKernel(ctx, kind: .sumSquare, axesInputSince: 18)
    }
}
