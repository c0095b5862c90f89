import LastmileTensor

/// Transpose (opsets 1-23): permutes the axes; output axis i is input axis `perm[i]` (default:
/// the axes reversed).
struct TransposeKernel: Kernel {
    let perm: [Int]?

    init(_ ctx: NodeContext) throws {
        perm = try ctx.optionalInts("perm")
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let perm = self.perm ?? Array((0..<data.rank).reversed())
        guard perm.count == data.rank, Set(perm) == Set(0..<data.rank) else {
            throw OpError("perm \(perm) is not a permutation of the \(data.rank) axes of \(data.shape)")
        }
        let shape = perm.map { data.shape[$0] }
        let inStrides = Shape.strides(data.shape)
        let copy = TensorOps.StridedCopy(shape: shape, strides: perm.map { inStrides[$0] }, offset: 0)
        if copy.isIdentity(sourceCount: data.count) { return [.tensor(data.reshaped(unchecked: shape))] }
        return [.tensor(try TensorOps.map(data, to: shape, copy))]
    }
}
