import LastmileTensor

/// ReverseSequence (opset 10): for each batch entry `b`, reverses the first
/// `sequence_lens[b]` slices along `time_axis`; `batch_axis` and `time_axis` are 0 and 1.
struct ReverseSequenceKernel: Kernel {
    let batchAxis: Int
    let timeAxis: Int

    init(_ ctx: NodeContext) throws {
        batchAxis = try ctx.int("batch_axis", default: 1)
        timeAxis = try ctx.int("time_axis", default: 0)
        guard Set([batchAxis, timeAxis]) == [0, 1] else {
            throw OpError("batch_axis and time_axis must be 0 and 1 in some order, got \(batchAxis) and \(timeAxis)")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let input = try inputs.tensor(0)
        guard input.rank >= 2 else { throw OpError("input must have rank 2 or more, got shape \(input.shape)") }
        let lengths = try TensorOps.integers(try inputs.tensor(1), "sequence_lens")
        let batch = input.shape[batchAxis]
        let time = input.shape[timeAxis]
        guard lengths.count == batch else {
            throw OpError("sequence_lens has \(lengths.count) entries for a batch of \(batch)")
        }
        for length in lengths where length < 0 || length > time {
            throw OpError("sequence_lens holds \(length), outside 0...\(time)")
        }
        let inner = try TensorOps.product(input.shape[2...])
        let strides = Shape.strides(input.shape)
        // Source offset of each (time, batch) block of `inner` elements, in output order.
        var offsets: [Int] = []
        offsets.reserveCapacity(input.shape[0] * input.shape[1])
        for i in 0..<input.shape[0] {
            for j in 0..<input.shape[1] {
                let b = batchAxis == 0 ? i : j
                let t = batchAxis == 0 ? j : i
                let source = t < lengths[b] ? lengths[b] - 1 - t : t
                let (row, column) = batchAxis == 0 ? (b, source) : (source, b)
                offsets.append(row * strides[0] + column * strides[1])
            }
        }
        return [.tensor(try TensorOps.map(input, to: input.shape, TensorOps.OffsetGather(offsets: offsets, size: inner)))]
    }
}
