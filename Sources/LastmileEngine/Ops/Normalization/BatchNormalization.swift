import LastmileTensor

/// BatchNormalization (opsets 1, 6, 7, 9, 14, 15) in inference mode:
/// y = (x - mean) / sqrt(var + epsilon) * scale + B, per channel (axis 1 of an N x C x ...
/// input), folded into one multiply-add per element.
///
/// Before opset 9, `spatial=0` gives parameters of shape C x D1 x ... (one per activation);
/// the kernel recognises that layout by the parameter count. Opset 15 lets the parameters
/// have a different float type from X. `training_mode=1` (opset 14+) is rejected.
struct BatchNormalizationKernel: Kernel {
    /// Per-feature y = x * scale + shift.
    struct Folded: Sendable {
        var scale: [Double]
        var shift: [Double]
    }

    let epsilon: Double
    /// The folded parameters when all four are constants.
    let folded: Folded?

    init(_ ctx: NodeContext) throws {
        if ctx.opset >= 14, try ctx.int("training_mode", default: 0) != 0 {
            throw OpError.unsupported("BatchNormalization training mode (training_mode=1) is not supported; export the model for inference")
        }
        epsilon = Double(try ctx.float("epsilon", default: 1e-5))
        if let s = ctx.constantInput(1), let b = ctx.constantInput(2), let m = ctx.constantInput(3), let v = ctx.constantInput(4) {
            folded = try Self.fold(scale: s, bias: b, mean: m, variance: v, epsilon: epsilon)
        } else {
            folded = nil
        }
    }

    private static func fold(scale: Tensor, bias: Tensor, mean: Tensor, variance: Tensor, epsilon: Double) throws -> Folded {
        let s = try NormalizationSupport.values(scale, as: Double.self, name: "scale")
        let b = try NormalizationSupport.values(bias, as: Double.self, name: "B")
        let m = try NormalizationSupport.values(mean, as: Double.self, name: "mean")
        let v = try NormalizationSupport.values(variance, as: Double.self, name: "var")
        guard b.count == s.count, m.count == s.count, v.count == s.count else {
            throw OpError(
                "BatchNormalization parameters differ in size: scale \(scale.shape), B \(bias.shape), "
                    + "mean \(mean.shape), var \(variance.shape)")
        }
        var folded = Folded(scale: [], shift: [])
        folded.scale.reserveCapacity(s.count)
        folded.shift.reserveCapacity(s.count)
        for i in 0..<s.count {
            let a = s[i] / (v[i] + epsilon).squareRoot()
            folded.scale.append(a)
            folded.shift.append(b[i] - m[i] * a)
        }
        return folded
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        try ReductionAxes.validate(x.shape)
        guard x.rank >= 2 else {
            throw OpError("BatchNormalization needs an input of shape N x C x ..., got \(x.shape)")
        }
        let parameters = try folded ?? Self.fold(
            scale: inputs.tensor(1), bias: inputs.tensor(2), mean: inputs.tensor(3), variance: inputs.tensor(4),
            epsilon: epsilon)
        let channels = x.shape[1]
        let spatial = Shape.count(Array(x.shape[2...]))
        let features = parameters.scale.count
        let group: Int
        if features == channels {
            group = spatial
        } else if features == channels * spatial {
            group = 1
        } else {
            throw OpError("BatchNormalization parameters have \(features) values, expected \(channels) (the channels of input \(x.shape))")
        }
        let layout = Layout(batches: x.shape[0], features: features, group: group)
        switch x.storage {
        case .float32(let v): return [.tensor(Tensor(unchecked: x.shape, Self.apply(v, parameters, layout)))]
        case .float64(let v): return [.tensor(Tensor(unchecked: x.shape, Self.apply(v, parameters, layout)))]
        case .float16(let v):
            let y = Self.apply(v.map { Float($0) }, parameters, layout)
            return [.tensor(Tensor(unchecked: x.shape, y.map { Float16($0) }))]
        default:
            throw OpError("BatchNormalization does not support \(x.dtype) tensors")
        }
    }

    private struct Layout {
        var batches: Int
        var features: Int
        /// Consecutive elements sharing one feature's parameters.
        var group: Int
    }

    private static func apply<T: FloatElement>(_ x: [T], _ parameters: Folded, _ layout: Layout) -> [T] {
        let scale = parameters.scale.map { T($0) }
        let shift = parameters.shift.map { T($0) }
        let (features, group) = (layout.features, layout.group)
        let count = layout.batches * features * group
        guard x.count == count else { return x }
        return [T](pooledCapacity: count) { out, written in
            x.withUnsafeBufferPointer { src in
                scale.withUnsafeBufferPointer { a in
                    shift.withUnsafeBufferPointer { b in
                        for n in 0..<layout.batches {
                            let batch = n * features * group
                            if group == 1 {
                                for f in 0..<features {
                                    out.initializeElement(at: batch + f, to: src[batch + f] * a[f] + b[f])
                                }
                            } else {
                                for f in 0..<features {
                                    let (af, bf) = (a[f], b[f])
                                    let base = batch + f * group
                                    for s in 0..<group {
                                        out.initializeElement(at: base + s, to: src[base + s] * af + bf)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            written = count
        }
    }
}
