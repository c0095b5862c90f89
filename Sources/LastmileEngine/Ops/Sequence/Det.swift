import LastmileTensor

/// Det (opsets 11, 22): the determinant of each square matrix in the trailing two axes, by LU
/// decomposition with partial pivoting (computed in Double).
struct DetKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let input = try inputs.tensor(0)
        guard input.dtype.isFloatingPoint, let values = input.doubles else {
            throw OpError("input must be a float tensor, got \(input.dtype)")
        }
        guard input.rank >= 2, input.shape[input.rank - 1] == input.shape[input.rank - 2] else {
            throw OpError("input must end in square matrices, got shape \(input.shape)")
        }
        let n = input.shape[input.rank - 1]
        let outShape = Array(input.shape.dropLast(2))
        let count = try TensorOps.product(outShape[...])
        var result = [Double](repeating: 1, count: count)
        var matrix = [Double](repeating: 0, count: n * n)
        for m in 0..<count {
            for i in 0..<(n * n) { matrix[i] = values[m * n * n + i] }
            var det: Double = 1
            for column in 0..<n {
                var pivot = column
                for row in (column + 1)..<Swift.max(n, column + 1) where abs(matrix[row * n + column]) > abs(matrix[pivot * n + column]) {
                    pivot = row
                }
                let p = matrix[pivot * n + column]
                if p == 0 { det = 0; break }
                if pivot != column {
                    for j in 0..<n { matrix.swapAt(pivot * n + j, column * n + j) }
                    det = -det
                }
                det *= p
                for row in (column + 1)..<Swift.max(n, column + 1) {
                    let factor = matrix[row * n + column] / p
                    if factor == 0 { continue }
                    for j in column..<n { matrix[row * n + j] -= factor * matrix[column * n + j] }
                }
            }
            result[m] = det
        }
        let tensor = Tensor(unchecked: outShape, result)
        return [.tensor(try tensor.cast(to: input.dtype))]
    }
}
