extension ReduceKernel {
    /// ReduceMean (opsets 1, 11, 13, 18): the arithmetic mean; integers divide with truncation.
    /// Axes are an attribute before opset 18, an optional input from then on.
    static func reduceMean(_ ctx: NodeContext) throws -> ReduceKernel {
        try ReduceKernel(ctx, kind: .mean, axesInputSince: 18)
    }
}
