import LastmileTensor

/// Compress (opsets 9-11): keeps the slices along `axis` (or, without an axis, the elements of
/// the flattened input) whose entry in the 1-D boolean `condition` is true. A condition shorter
/// than the axis keeps nothing past its end.
struct CompressKernel: Kernel {
    let axis: Int?

    init(_ ctx: NodeContext) throws {
        axis = try ctx.optionalInt("axis")
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        var data = try inputs.tensor(0)
        let conditionTensor = try inputs.tensor(1)
        guard conditionTensor.rank == 1, let condition = try conditionTensor.cast(to: .bool).elements(Bool.self) else {
            throw OpError("condition must be a 1-D boolean tensor, got shape \(conditionTensor.shape)")
        }
        var a = 0
        if let axis {
            a = try TensorOps.axis(axis, rank: data.rank)
        } else {
            data = data.reshaped(unchecked: [data.count])
        }
        let size = data.shape[a]
        guard condition.count <= size else {
            throw OpError("condition has \(condition.count) entries, more than the \(size) along axis \(a)")
        }
        let kept = condition.indices.filter { condition[$0] }
        let outer = Shape.count(Array(data.shape[..<a]))
        let inner = Shape.count(Array(data.shape[(a + 1)...]))
        var offsets: [Int] = []
        offsets.reserveCapacity(outer * kept.count)
        for o in 0..<outer {
            for index in kept { offsets.append((o * size + index) * inner) }
        }
        var shape = data.shape
        shape[a] = kept.count
        return [.tensor(try TensorOps.map(data, to: shape, TensorOps.OffsetGather(offsets: offsets, size: inner)))]
    }
}
