extension ReduceKernel {
    /// ReduceMax (opsets 1, 11, 12, 13, 18, 20): the maximum; also int8, uint8
    /// and bool (false < true); an empty set gives the lowest value.
    /// Axes are an attribute before opset 18, an optional input from then on.
    static func reduceMax(_ ctx: NodeContext) throws -> ReduceKernel {
        try ReduceKernel(ctx, kind: .max, axesInputSince: 18)
    }
}
