import LastmileTensor

/// ScatterND (opsets 11-18): a copy of `data` with the slices addressed by the index tuples of
/// `indices` replaced by (or, with `reduction`, combined with) the matching slices of `updates`.
struct ScatterNDKernel: Kernel {
    let reduction: TensorOps.ScatterReduction

    init(_ ctx: NodeContext) throws {
        reduction = try TensorOps.ScatterReduction(ctx)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let indices = try inputs.tensor(1)
        let updates = try inputs.tensor(2)
        let plan = try TensorOps.NDIndexing(dataShape: data.shape, indices: indices, batchDims: 0, what: "indices")
        let expected = Array(indices.shape.dropLast()) + Array(data.shape[plan.depth...])
        guard updates.shape == expected else {
            throw OpError("updates has shape \(updates.shape), expected \(expected)")
        }
        let scatter = TensorOps.Scatter(
            targets: plan.offsets, sliceSize: plan.sliceSize, updates: updates.storage, reduction: reduction)
        return [.tensor(try scatter.run(on: data))]
    }
}
