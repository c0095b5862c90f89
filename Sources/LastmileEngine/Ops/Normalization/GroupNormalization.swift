import LastmileTensor
import RealModule

/// GroupNormalization (opsets 18, 21): splits the C channels of an N x C x D1 x ... input into
/// `num_groups` groups, normalises each (sample, group) to zero mean and unit variance, then
/// applies scale and bias: one value per group in opset 18, one per channel from 21.
struct GroupNormalizationKernel: Kernel {
    let epsilon: Float
    let groups: Int
    let perChannel: Bool

    init(_ ctx: NodeContext) throws {
        epsilon = try ctx.float("epsilon", default: 1e-5)
        groups = try ctx.int("num_groups")
        guard groups > 0 else { throw OpError("num_groups \(groups) must be positive") }
        perChannel = ctx.opset >= 21
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let scale = try inputs.tensor(1)
        let bias = try inputs.tensor(2)
        guard x.rank >= 2 else {
            throw OpError("GroupNormalization needs an input of shape N x C x ..., got \(x.shape)")
        }
        let channels = x.shape[1]
        guard channels % groups == 0 else {
            throw OpError("GroupNormalization: channels \(channels) are not a multiple of num_groups \(groups)")
        }
        let expected = perChannel ? channels : groups
        guard scale.count == expected, bias.count == expected else {
            throw OpError("GroupNormalization scale \(scale.shape) and bias \(bias.shape) must have \(expected) values")
        }
        switch x.storage {
        case .float32(let v): return [.tensor(try Tensor(shape: x.shape, elements: normalize(v, x.shape, scale, bias)))]
        case .float64(let v): return [.tensor(try Tensor(shape: x.shape, elements: normalize(v, x.shape, scale, bias)))]
        case .float16(let v):
            let y = try normalize(v.map { Float($0) }, x.shape, scale, bias)
            return [.tensor(try Tensor(shape: x.shape, elements: y.map { Float16($0) }))]
        default: throw OpError.unsupported("GroupNormalization does not support \(x.dtype) tensors")
        }
    }

    private func normalize<T: FloatElement & ReductionElement>(
        _ x: [T], _ shape: [Int], _ scaleTensor: Tensor, _ biasTensor: Tensor
    ) throws -> [T] {
        let scale = try NormalizationSupport.values(scaleTensor, as: T.self, name: "scale")
        let bias = try NormalizationSupport.values(biasTensor, as: T.self, name: "bias")
        let channels = shape[1]
        let spatial = Shape.count(Array(shape[2...]))
        let perGroup = channels / groups
        let block = perGroup * spatial
        let eps = T(epsilon)
        var y = [T](repeating: .zero, count: x.count)
        guard block > 0 else { return y }
        x.withUnsafeBufferPointer { src in
            guard let src = src.baseAddress else { return }
            for instance in 0..<(x.count / block) {
                let g = instance % groups
                let start = instance * block
                let (mean, variance) = NormalizationSupport.moments(src + start, block)
                let inverse = 1 / T.sqrt(variance + eps)
                for c in 0..<perGroup {
                    let channel = g * perGroup + c
                    let a = (perChannel ? scale[channel] : scale[g]) * inverse
                    let b = (perChannel ? bias[channel] : bias[g]) - mean * a
                    let base = start + c * spatial
                    for s in 0..<spatial { y[base + s] = src[base + s] * a + b }
                }
            }
        }
        return y
    }
}
