import LastmileTensor

/// EyeLike (opsets 9, 22): a 2-D tensor shaped like the input with ones on diagonal `k`, of
/// type `dtype` (default: the input's).
struct EyeLikeKernel: Kernel {
    let dtype: DType?
    let k: Int

    init(_ ctx: NodeContext) throws {
        if let code = try ctx.optionalInt("dtype") {
            guard let type = DType(onnxCode: code), type != .string else {
                throw OpError.unsupported("dtype \(code) is not a numeric or bool type Lastmile supports")
            }
            dtype = type
        } else {
            dtype = nil
        }
        k = try ctx.int("k", default: 0)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let input = try inputs.tensor(0)
        guard input.rank == 2 else { throw OpError("input must be 2-D, got shape \(input.shape)") }
        let type = dtype ?? input.dtype
        guard type != .string else { throw OpError("input must not be a string tensor") }
        let rows = input.shape[0]
        let columns = input.shape[1]
        var out = [Float](repeating: 0, count: rows * columns)
        for i in 0..<rows {
            let j = i + k
            if j >= 0 && j < columns { out[i * columns + j] = 1 }
        }
        let result = Tensor(unchecked: input.shape, out)
        return [.tensor(type == .float32 ? result : try result.cast(to: type))]
    }
}
