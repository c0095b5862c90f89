import LastmileTensor

/// ai.onnx.ml Binarizer (opset 1): 1 where `X > threshold`, else 0, in the input's type.
/// A NaN input is an error, as in onnxruntime.
struct BinarizerKernel: Kernel {
    let threshold: Float

    init(_ ctx: NodeContext) throws {
        threshold = try ctx.float("threshold", default: 0)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        switch x.storage {
        case .float32(let a): return [.tensor(Tensor(unchecked: x.shape, try apply(a, Float.self)))]
        case .float64(let a): return [.tensor(Tensor(unchecked: x.shape, try apply(a, Double.self)))]
        case .float16(let a):
            return [.tensor(Tensor(unchecked: x.shape, try apply(a.map { Float($0) }, Float.self).map { Float16($0) }))]
        case .int64(let a): return [.tensor(Tensor(unchecked: x.shape, a.map { Float($0) > threshold ? Int64(1) : 0 }))]
        case .int32(let a): return [.tensor(Tensor(unchecked: x.shape, a.map { Float($0) > threshold ? Int32(1) : 0 }))]
        default: throw OpError("Binarizer does not accept a \(x.dtype) input; expected float, double, int64 or int32")
        }
    }

    private func apply<T: BinaryFloatingPoint>(_ values: [T], _: T.Type) throws -> [T] {
        let t = T(threshold)
        var out = [T](repeating: 0, count: values.count)
        for i in values.indices {
            let v = values[i]
            if v.isNaN { throw OpError("Binarizer input element \(i) is NaN") }
            out[i] = v > t ? 1 : 0
        }
        return out
    }
}
