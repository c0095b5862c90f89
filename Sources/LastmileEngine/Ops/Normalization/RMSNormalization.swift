import LastmileTensor
import RealModule

/// RMSNormalization (opset 23): `y = x / sqrt(mean(x²) + epsilon) * scale`, the mean taken over
/// the axes from `axis` to the last; `scale` broadcasts to those axes.
struct RMSNormalizationKernel: Kernel {
    let axis: Int
    let epsilon: Float

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: -1)
        epsilon = try ctx.float("epsilon", default: 1e-5)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let scale = try inputs.tensor(1)
        let a = try TensorOps.axis(axis, rank: x.rank)
        let normalized = Array(x.shape[a...])
        guard scale.rank <= normalized.count,
              (try? Shape.broadcast(scale.shape, normalized)) == normalized else {
            throw OpError("RMSNormalization scale \(scale.shape) does not broadcast to \(normalized)")
        }
        switch x.storage {
        case .float32(let v): return [.tensor(try Tensor(shape: x.shape, elements: normalize(v, normalized, scale)))]
        case .float64(let v): return [.tensor(try Tensor(shape: x.shape, elements: normalize(v, normalized, scale)))]
        case .float16(let v):
            let y = try normalize(v.map { Float($0) }, normalized, scale)
            return [.tensor(try Tensor(shape: x.shape, elements: y.map { Float16($0) }))]
        default: throw OpError.unsupported("RMSNormalization does not support \(x.dtype) tensors")
        }
    }

    private func normalize<T: FloatElement>(_ x: [T], _ normalized: [Int], _ scaleTensor: Tensor) throws -> [T] {
        let raw = try NormalizationSupport.values(scaleTensor, as: T.self, name: "scale")
        let size = Shape.count(normalized)
        // The scale expanded to the normalised block.
        let strides = Shape.broadcastStrides(scaleTensor.shape, to: normalized)
        var scale = [T](repeating: .zero, count: size)
        for i in 0..<size {
            var rest = i, offset = 0
            for d in stride(from: normalized.count - 1, through: 0, by: -1) {
                offset += (rest % normalized[d]) * strides[d]
                rest /= normalized[d]
            }
            scale[i] = raw[offset]
        }
        var y = [T](repeating: .zero, count: x.count)
        guard size > 0 else { return y }
        let eps = T(epsilon)
        for start in stride(from: 0, to: x.count, by: size) {
            var sum = T.zero
            for i in start..<(start + size) { sum += x[i] * x[i] }
            let inverse = 1 / T.sqrt(sum / T(size) + eps)
            for i in 0..<size { y[start + i] = x[start + i] * inverse * scale[i] }
        }
        return y
    }
}
