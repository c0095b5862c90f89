import LastmileTensor

/// SplitToSequence (opset 11): splits `input` along `axis` into a sequence. Without `split`,
/// into pieces of one (squeezing the axis unless `keepdims`); a scalar `split` gives pieces of
/// that size (the last may be smaller); a 1-D `split` lists the sizes.
struct SplitToSequenceKernel: Kernel {
    let axis: Int
    let keepDims: Bool

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: 0)
        keepDims = try ctx.int("keepdims", default: 1) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let input = try inputs.tensor(0)
        guard input.rank >= 1 else { throw OpError("input must have rank 1 or more, got a scalar") }
        let a = try TensorOps.axis(axis, rank: input.rank)
        let dim = input.shape[a]
        var sizes: [Int]
        var squeeze = false
        if let split = try inputs.optionalTensor(1) {
            let values = try TensorOps.integers(split, "split")
            if split.rank == 0, let size = values.first {
                guard size > 0 else { throw OpError("split must be positive, got \(size)") }
                sizes = stride(from: 0, to: dim, by: size).map { Swift.min(size, dim - $0) }
            } else {
                guard split.rank == 1 else { throw OpError("split must be a scalar or 1-D, got shape \(split.shape)") }
                guard values.allSatisfy({ $0 >= 0 }), values.reduce(0, +) == dim else {
                    throw OpError("split \(values) does not add up to \(dim), the size of axis \(a)")
                }
                sizes = values
            }
        } else {
            sizes = [Int](repeating: 1, count: dim)
            squeeze = !keepDims
        }
        var pieces: [Value] = []
        pieces.reserveCapacity(sizes.count)
        var start = 0
        for size in sizes {
            var piece = try SequenceOps.slice(input, axis: a, start: start, length: size)
            if squeeze {
                var shape = piece.shape
                shape.remove(at: a)
                piece = piece.reshaped(unchecked: shape)
            }
            pieces.append(.tensor(piece))
            start += size
        }
        return [.sequence(pieces)]
    }
}
