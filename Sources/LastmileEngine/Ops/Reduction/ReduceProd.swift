extension ReduceKernel {
    /// ReduceProd (opsets 1, 11, 13, 18): the product; an empty set gives 1.
    /// Axes are an attribute before opset 18, an optional input from then on.
    static func reduceProd(_ ctx: NodeContext) throws -> ReduceKernel {
        try ReduceKernel(ctx, kind: .prod, axesInputSince: 18)
    }
}
