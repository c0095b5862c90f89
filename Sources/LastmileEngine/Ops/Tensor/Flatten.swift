import LastmileTensor

/// Flatten (opsets 1-23): reshapes to 2-D, [d0 * ... * d(axis-1), d(axis) * ... * dn], without
/// copying; `axis` (default 1) may be negative (opset 11+) and equal to the rank.
struct FlattenKernel: Kernel {
    let axis: Int

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: 1)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let rank = data.rank
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a <= rank else { throw OpError("axis \(axis) is out of range for rank \(rank)") }
        let outer = try TensorOps.product(data.shape[..<a])
        let inner = try TensorOps.product(data.shape[a...])
        return [.tensor(data.reshaped(unchecked: [outer, inner]))]
    }
}
