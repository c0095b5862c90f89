import LastmileTensor

/// Trilu (opset 14): keeps the upper (`upper` = 1, default) or lower triangle of each matrix in
/// the last two axes, relative to diagonal `k` (optional int64 scalar input 1), and zeroes the rest.
struct TriluKernel: Kernel {
    let upper: Bool

    init(_ ctx: NodeContext) throws {
        upper = try ctx.int("upper", default: 1) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        guard data.rank >= 2 else { throw OpError("input must have rank 2 or more, got shape \(data.shape)") }
        let k = try inputs.optionalTensor(1).map { try TensorOps.integerScalar($0, "k") } ?? 0
        let rows = data.shape[data.rank - 2]
        let columns = data.shape[data.rank - 1]
        // Diagonals past either edge all behave alike; clamping keeps row + k from overflowing.
        let bound = rows + columns + 1
        let mask = Mask(upper: upper, k: min(max(k, -bound), bound), rows: rows, columns: columns)
        return [.tensor(try TensorOps.map(data, to: data.shape, mask))]
    }

    private struct Mask: TensorOps.ElementVisitor {
        let upper: Bool
        let k: Int
        let rows: Int
        let columns: Int

        func visit<T: TensorElement>(_ values: [T]) -> TensorStorage {
            let size = rows * columns
            guard size > 0 else { return T.storage(values) }
            var out = values
            let zero = T.zero
            for matrix in stride(from: 0, to: values.count, by: size) {
                for row in 0..<rows {
                    // Upper keeps columns >= row + k; lower keeps columns <= row + k.
                    let zeroed = upper ? 0..<min(max(row + k, 0), columns) : min(max(row + k + 1, 0), columns)..<columns
                    let base = matrix + row * columns
                    for column in zeroed { out[base + column] = zero }
                }
            }
            return T.storage(out)
        }
    }
}
