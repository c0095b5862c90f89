import LastmileTensor

/// Unsqueeze (opsets 1-23): inserts size-1 axes without copying. The axes (positions in the
/// output, negative from opset 11) are the `axes` attribute before opset 13 and input 1 after.
struct UnsqueezeKernel: Kernel {
    /// The `axes` attribute (opsets 1-12).
    let attributeAxes: [Int]?

    init(_ ctx: NodeContext) throws {
        attributeAxes = ctx.opset >= 13 ? nil : try ctx.ints("axes")
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let axes = try attributeAxes ?? TensorOps.integers(try inputs.tensor(1), "the axes input")
        let rank = data.rank + axes.count
        var insert = [Bool](repeating: false, count: rank)
        for a in try TensorOps.axes(axes, rank: rank) { insert[a] = true }
        var shape: [Int] = []
        shape.reserveCapacity(rank)
        var next = 0
        for i in 0..<rank {
            if insert[i] {
                shape.append(1)
            } else {
                shape.append(data.shape[next])
                next += 1
            }
        }
        return [.tensor(data.reshaped(unchecked: shape))]
    }
}
