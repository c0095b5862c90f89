extension ReduceKernel {
    /// ReduceMin (opsets 1, 11, 12, 13, 18, 20): the minimum; also int8, uint8
    /// and bool (false < true); an empty set gives the highest value.
    /// Axes are an attribute before opset 18, an optional input from then on.
    static func reduceMin(_ ctx: NodeContext) throws -> ReduceKernel {
        try ReduceKernel(ctx, kind: .min, axesInputSince: 18)
    }
}
