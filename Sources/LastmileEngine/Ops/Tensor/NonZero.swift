import LastmileTensor

/// NonZero (opsets 9-13): the coordinates of the non-zero elements (true, non-empty strings),
/// as an int64 tensor of shape [rank, count] in row-major order; a scalar counts as rank 1.
struct NonZeroKernel: Kernel {
    init(_ ctx: NodeContext) {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let flat = try TensorOps.visit(data.storage, NonZeroOffsets())
        let shape = data.rank == 0 ? [1] : data.shape
        let strides = Shape.strides(shape)
        let n = flat.count
        var out = [Int64](repeating: 0, count: shape.count * n)
        for (j, offset) in flat.enumerated() {
            var rest = offset
            for d in 0..<shape.count {
                out[d * n + j] = Int64(rest / strides[d])
                rest %= strides[d]
            }
        }
        return [.tensor(Tensor(unchecked: [shape.count, n], out))]
    }

    private struct NonZeroOffsets: TensorOps.ElementVisitor {
        func visit<T: TensorElement>(_ values: [T]) -> [Int] {
            var offsets: [Int] = []
            let zero = T.zero
            for (i, value) in values.enumerated() where value != zero {
                offsets.append(i)
            }
            return offsets
        }
    }
}
