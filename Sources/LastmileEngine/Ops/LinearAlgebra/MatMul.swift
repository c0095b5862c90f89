import LastmileTensor

/// MatMul (opsets 1, 9, 13): numpy `matmul` of two tensors of the same numeric type, with
/// broadcast batch axes; float32 and float64 go through OpenBLAS.
struct MatMulKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let a = try inputs.tensor(0)
        let b = try inputs.tensor(1)
        return [.tensor(try Self.multiply(a, b))]
    }

    /// `a @ b`, with TensorError turned into OpError.
    static func multiply(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.dtype.isNumeric, a.dtype == b.dtype else {
            throw OpError("MatMul needs two numeric tensors of the same type, got \(a.dtype) and \(b.dtype)")
        }
        do {
            try checkOutputSize(a.shape, b.shape)
            // A batch of rows times one matrix is a single GEMM over all the rows: one BLAS call
            // instead of one per batch entry, and no per-batch offsets.
            if a.rank > 2, b.rank == 2, let k = a.shape.last, k == b.shape[0] {
                let rows = Shape.count(Array(a.shape.dropLast()))
                let flat = try Tensor.matmul(a.reshaped(unchecked: [rows, k]), b)
                return flat.reshaped(unchecked: Array(a.shape.dropLast()) + [b.shape[1]])
            }
            return try Tensor.matmul(a, b)
        } catch let error as TensorError {
            throw OpError(error.message)
        }
    }

    /// Throws unless the product of shapes `a` and `b` has an element count that fits in Int
    /// (empty operands may carry huge dimensions).
    static func checkOutputSize(_ a: [Int], _ b: [Int]) throws {
        guard a.count >= 1, b.count >= 1 else { return }
        let m = a.count >= 2 ? a[a.count - 2] : 1
        let n = b.count >= 2 ? b[b.count - 1] : 1
        let batch = try Shape.broadcast(Array(a.dropLast(2)), Array(b.dropLast(2)))
        _ = try ReductionAxes.checkedCount(batch + [m, n])
    }
}
