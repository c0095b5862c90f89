import LastmileTensor
import RealModule

/// InstanceNormalization (opsets 1, 6, 22): for each sample and channel of an N x C x ...
/// input, y = (x - mean) / sqrt(var + epsilon) * scale[c] + B[c], with the statistics taken
/// over the spatial axes (two-pass variance; float16 computes in Float).
struct InstanceNormalizationKernel: Kernel {
    let epsilon: Float

    init(_ ctx: NodeContext) throws {
        epsilon = try ctx.float("epsilon", default: 1e-5)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        try ReductionAxes.validate(x.shape)
        let scale = try inputs.tensor(1)
        let bias = try inputs.tensor(2)
        guard x.rank >= 2 else {
            throw OpError("InstanceNormalization needs an input of shape N x C x ..., got \(x.shape)")
        }
        let channels = x.shape[1]
        guard scale.count == channels, bias.count == channels else {
            throw OpError(
                "InstanceNormalization scale \(scale.shape) and B \(bias.shape) must have \(channels) values "
                    + "(the channels of input \(x.shape))")
        }
        let spatial = Shape.count(Array(x.shape[2...]))
        switch x.storage {
        case .float32(let v):
            return [.tensor(Tensor(unchecked: x.shape, try normalize(v, scale, bias, channels, spatial)))]
        case .float64(let v):
            return [.tensor(Tensor(unchecked: x.shape, try normalize(v, scale, bias, channels, spatial)))]
        case .float16(let v):
            let y = try normalize(v.map { Float($0) }, scale, bias, channels, spatial)
            return [.tensor(Tensor(unchecked: x.shape, y.map { Float16($0) }))]
        default:
            throw OpError("InstanceNormalization does not support \(x.dtype) tensors")
        }
    }

    private func normalize<T: FloatElement & ReductionElement>(
        _ x: [T], _ scaleTensor: Tensor, _ biasTensor: Tensor, _ channels: Int, _ spatial: Int
    ) throws -> [T] {
        let scale = try NormalizationSupport.values(scaleTensor, as: T.self, name: "scale")
        let bias = try NormalizationSupport.values(biasTensor, as: T.self, name: "B")
        let eps = T(epsilon)
        let instances = spatial == 0 ? 0 : x.count / spatial
        return [T](pooledCapacity: x.count) { out, written in
            guard let o = out.baseAddress, instances * spatial == x.count, channels > 0 else { return }
            x.withUnsafeBufferPointer { src in
                guard let src = src.baseAddress else { return }
                for i in 0..<instances {
                    let c = i % channels
                    let row = src + i * spatial
                    let dst = o + i * spatial
                    let (mean, variance) = NormalizationSupport.moments(row, spatial)
                    let a = scale[c] / T.sqrt(variance + eps)
                    let b = bias[c] - mean * a
                    for s in 0..<spatial { (dst + s).initialize(to: row[s] * a + b) }
                }
            }
            written = x.count
        }
    }
}
