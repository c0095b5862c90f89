import LastmileTensor

/// ScatterElements (opsets 11-18, and the deprecated Scatter of opsets 9-10): a copy of `data`
/// with each element of `updates` written at the position of the matching element of `indices`,
/// whose value replaces the coordinate along `axis`; `reduction` (opset 16+: add, mul; 18+: max,
/// min) combines instead of overwriting.
struct ScatterElementsKernel: Kernel {
    let axis: Int
    let reduction: TensorOps.ScatterReduction

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: 0)
        reduction = try TensorOps.ScatterReduction(ctx)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let indices = try inputs.tensor(1)
        let updates = try inputs.tensor(2)
        guard data.rank >= 1 else { throw OpError("data must have rank 1 or more, got a scalar") }
        guard updates.shape == indices.shape else {
            throw OpError("updates has shape \(updates.shape) but indices has \(indices.shape)")
        }
        let a = try TensorOps.axis(axis, rank: data.rank)
        let targets = try TensorOps.elementOffsets(indices: indices, dataShape: data.shape, axis: a, what: "indices")
        let scatter = TensorOps.Scatter(targets: targets, sliceSize: 1, updates: updates.storage, reduction: reduction)
        return [.tensor(try scatter.run(on: data))]
    }
}
