import LastmileTensor

/// Hardmax (opsets 1-13): 1 at the first maximum and 0 elsewhere. Before opset 13 the input is
/// coerced to 2-D at `axis` (default 1) and the maximum is taken over each row; from opset 13
/// over `axis` alone (default -1).
struct HardmaxKernel: Kernel {
    let axis: Int
    let coerced: Bool

    init(_ ctx: NodeContext) throws {
        coerced = ctx.opset < 13
        axis = try ctx.int("axis", default: coerced ? 1 : -1)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let input = try inputs.tensor(0)
        guard input.dtype.isFloatingPoint, let values = input.doubles else {
            throw OpError("input must be a float tensor, got \(input.dtype)")
        }
        let rank = input.rank
        let a = coerced
            ? (axis < 0 ? axis + rank : axis)
            : try TensorOps.axis(axis, rank: rank)
        guard a >= 0, a <= rank, coerced || a < rank else {
            throw OpError("axis \(axis) is out of range for rank \(rank)")
        }
        let outer = try TensorOps.product(input.shape[..<a])
        let length = coerced ? try TensorOps.product(input.shape[a...]) : input.shape[a]
        let inner = coerced ? 1 : try TensorOps.product(input.shape[(a + 1)...])
        var out = [Float](repeating: 0, count: values.count)
        if length > 0 {
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * length * inner + i
                    var best = base
                    for k in 1..<Swift.max(length, 1) where values[base + k * inner] > values[best] {
                        best = base + k * inner
                    }
                    out[best] = 1
                }
            }
        }
        let result = Tensor(unchecked: input.shape, out)
        return [.tensor(input.dtype == .float32 ? result : try result.cast(to: input.dtype))]
    }
}
