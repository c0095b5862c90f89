import LastmileTensor

/// ai.onnx.ml Normalizer (opset 1): divides each row of a `[N, C]` input (or a `[C]` vector) by
/// its MAX, L1 or L2 norm, as float. A row whose norm is 0 is copied unchanged.
struct NormalizerKernel: Kernel {
    enum Norm { case max, l1, l2 }
    let norm: Norm

    init(_ ctx: NodeContext) throws {
        switch try ctx.string("norm", default: "MAX") {
        case "MAX": norm = .max
        case "L1": norm = .l1
        case "L2": norm = .l2
        case let other: throw OpError("norm \"\(other)\" is not one of MAX, L1, L2")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank == 1 || x.rank == 2 else {
            throw OpError("Normalizer expects a 1-D or 2-D input, got shape \(x.shape)")
        }
        let values = try MLInput.floats(x, op: "Normalizer")
        // Squares are taken in the input's own precision, as onnxruntime does.
        let squares: [Float]
        switch x.storage {
        case .float64(let d): squares = d.map { Float($0 * $0) }
        case .float32, .float16: squares = values.map { $0 * $0 }
        default: squares = (x.doubles ?? []).map { Float($0 * $0) }
        }
        let stride = x.rank == 1 ? x.shape[0] : x.shape[1]
        var out = [Float](repeating: 0, count: values.count)
        guard stride > 0 else { return [.tensor(Tensor(unchecked: x.shape, out))] }
        for n in 0..<(values.count / stride) {
            let indices = (n * stride)..<((n + 1) * stride)
            switch norm {
            case .max:
                var m = -Float.greatestFiniteMagnitude
                for i in indices { m = Swift.max(m, values[i]) }
                for i in indices { out[i] = m != 0 ? values[i] / m : values[i] }
            case .l1:
                var sum: Float = 0
                for i in indices { sum += abs(values[i]) }
                for i in indices { out[i] = sum != 0 ? values[i] / sum : values[i] }
            case .l2:
                var sum: Float = 0
                for i in indices { sum += squares[i] }
                for i in indices {
                    if sum != 0 {
                        let r = (squares[i] / sum).squareRoot()
                        out[i] = values[i] < 0 ? -r : r
                    } else {
                        out[i] = values[i]
                    }
                }
            }
        }
        return [.tensor(Tensor(unchecked: x.shape, out))]
    }
}
