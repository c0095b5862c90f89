extension ReduceKernel {
    /// ReduceL1 (opsets 1, 11, 13, 18): the sum of absolute values.
    /// Axes are an attribute before opset 18, an optional input from then on.
    static func reduceL1(_ ctx: NodeContext) throws -> ReduceKernel {
        try ReduceKernel(ctx, kind: .l1, axesInputSince: 18)
    }
}
