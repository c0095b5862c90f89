import LastmileTensor
import RealModule

/// LRN (opsets 1, 13): local response normalisation across channels of an N x C x D1 x ...
/// tensor, `y = x / (bias + alpha / size * sum of x² over the size nearest channels)^beta`.
struct LRNKernel: Kernel {
    let alpha: Float
    let beta: Float
    let bias: Float
    let size: Int

    init(_ ctx: NodeContext) throws {
        alpha = try ctx.float("alpha", default: 0.0001)
        beta = try ctx.float("beta", default: 0.75)
        bias = try ctx.float("bias", default: 1)
        size = try ctx.int("size")
        guard size > 0 else { throw OpError("size \(size) must be positive") }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank >= 3 else { throw OpError("LRN needs an input of shape N x C x D1 x ..., got \(x.shape)") }
        switch x.storage {
        case .float32(let a): return [.tensor(try Tensor(shape: x.shape, elements: normalize(a, x.shape)))]
        case .float64(let a): return [.tensor(try Tensor(shape: x.shape, elements: normalize(a, x.shape)))]
        case .float16(let a):
            let y = normalize(a.map { Float($0) }, x.shape)
            return [.tensor(try Tensor(shape: x.shape, elements: y.map { Float16($0) }))]
        default: throw OpError.unsupported("LRN does not support \(x.dtype) tensors")
        }
    }

    private func normalize<T: FloatElement>(_ x: [T], _ shape: [Int]) -> [T] {
        let batch = shape[0], channels = shape[1]
        let spatial = Shape.count(Array(shape[2...]))
        let below = (size - 1) / 2, above = size - 1 - below
        let scale = T(alpha) / T(size), k = T(bias), b = T(beta)
        var y = [T](repeating: .zero, count: x.count)
        var sums = [T](repeating: .zero, count: spatial)
        for n in 0..<batch {
            for c in 0..<channels {
                for s in 0..<spatial { sums[s] = .zero }
                for j in max(0, c - below)...min(channels - 1, c + above) {
                    let base = (n * channels + j) * spatial
                    for s in 0..<spatial { sums[s] += x[base + s] * x[base + s] }
                }
                let base = (n * channels + c) * spatial
                for s in 0..<spatial { y[base + s] = x[base + s] / T.pow(k + scale * sums[s], b) }
            }
        }
        return y
    }
}
