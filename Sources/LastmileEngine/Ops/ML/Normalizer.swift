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
        guard stride > 0 else { return [.tensor(Tensor(unchecked: x.shape, [Float](repeating: 0, count: values.count)))] }
        let rows = values.count / stride
        let norm = self.norm
        // Raw pointers: checked array indexing kept these short per-row loops from vectorising.
        let out = [Float](pooledCapacity: values.count) { buffer, written in
            values.withUnsafeBufferPointer { vb in
                squares.withUnsafeBufferPointer { sb in
                    guard let v = vb.baseAddress, let q = sb.baseAddress, let o = buffer.baseAddress else { return }
                    for n in 0..<rows {
                        let base = n * stride
                        switch norm {
                        case .max:
                            var m = -Float.greatestFiniteMagnitude
                            for i in base..<(base + stride) { m = Swift.max(m, v[i]) }
                            for i in base..<(base + stride) { o[i] = m != 0 ? v[i] / m : v[i] }
                        case .l1:
                            var sum: Float = 0
                            for i in base..<(base + stride) { sum += abs(v[i]) }
                            for i in base..<(base + stride) { o[i] = sum != 0 ? v[i] / sum : v[i] }
                        case .l2:
                            var sum: Float = 0
                            for i in base..<(base + stride) { sum += q[i] }
                            if sum != 0 {
                                for i in base..<(base + stride) {
                                    let r = (q[i] / sum).squareRoot()
                                    o[i] = v[i] < 0 ? -r : r
                                }
                            } else {
                                for i in base..<(base + stride) { o[i] = v[i] }
                            }
                        }
                    }
                }
            }
            written = values.count
        }
        return [.tensor(Tensor(unchecked: x.shape, out))]
    }
}
