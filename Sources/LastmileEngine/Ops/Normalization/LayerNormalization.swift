import LastmileTensor
import RealModule

/// LayerNormalization (opset 17): normalises over the axes from `axis` to the last,
/// y = (x - mean) / sqrt(var + epsilon) * Scale + B, with Scale and the optional B
/// broadcast to the normalised shape. The optional outputs Mean and InvStdDev are float32
/// (`stash_type=1`) of shape X.shape[..<axis] + [1, ...].
///
/// Statistics are computed in Float for float16 and float32 inputs and in Double for
/// float64, with a two-pass variance.
struct LayerNormalizationKernel: Kernel {
    let axis: Int
    let epsilon: Float
    let outputCount: Int

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: -1)
        epsilon = try ctx.float("epsilon", default: 1e-5)
        let stashType = try ctx.int("stash_type", default: 1)
        guard stashType == 1 else {
            throw OpError("LayerNormalization stash_type \(stashType) is not supported (only 1, float)")
        }
        outputCount = min(max(ctx.node.outputs.count, 1), 3)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        try ReductionAxes.validate(x.shape)
        guard x.rank >= 1 else { throw OpError("LayerNormalization needs an input of rank 1 or more, got a scalar") }
        let a = try ReductionAxes.normalize(axis, rank: x.rank)
        let normalizedShape = Array(x.shape[a...])
        let layout = Layout(rows: Shape.count(Array(x.shape[..<a])), columns: Shape.count(normalizedShape))
        let scale = try Self.parameter(inputs.tensor(1), normalizedShape, name: "Scale")
        let bias = try inputs.optionalTensor(2).map { try Self.parameter($0, normalizedShape, name: "B") }
        let statsShape = Array(x.shape[..<a]) + [Int](repeating: 1, count: x.rank - a)

        let y: Tensor
        let mean: [Float]
        let invStdDev: [Float]
        switch x.storage {
        case .float32(let v):
            let r = try normalize(v, scale, bias, layout)
            (y, mean, invStdDev) = (Tensor(unchecked: x.shape, r.y), r.mean, r.invStdDev)
        case .float64(let v):
            let r = try normalize(v, scale, bias, layout)
            (y, mean, invStdDev) = (Tensor(unchecked: x.shape, r.y), r.mean.map { Float($0) }, r.invStdDev.map { Float($0) })
        case .float16(let v):
            let r = try normalize(v.map { Float($0) }, scale, bias, layout)
            (y, mean, invStdDev) = (Tensor(unchecked: x.shape, r.y.map { Float16($0) }), r.mean, r.invStdDev)
        default:
            throw OpError("LayerNormalization does not support \(x.dtype) tensors")
        }
        let outputs: [Value] = [
            .tensor(y), .tensor(Tensor(unchecked: statsShape, mean)), .tensor(Tensor(unchecked: statsShape, invStdDev)),
        ]
        return Array(outputs.prefix(outputCount))
    }

    private struct Layout {
        var rows: Int
        var columns: Int
    }

    /// A Scale or B input with exactly one value per normalised element.
    private static func parameter(_ t: Tensor, _ normalizedShape: [Int], name: String) throws -> Tensor {
        let count = Shape.count(normalizedShape)
        if t.count == count { return t }
        guard let expanded = try? t.broadcast(to: normalizedShape), expanded.count == count else {
            throw OpError("input \"\(name)\" of shape \(t.shape) does not broadcast to the normalised shape \(normalizedShape)")
        }
        return expanded
    }

    private func normalize<T: FloatElement & ReductionElement>(
        _ x: [T], _ scaleTensor: Tensor, _ biasTensor: Tensor?, _ layout: Layout
    ) throws -> (y: [T], mean: [T], invStdDev: [T]) {
        let scale = try NormalizationSupport.values(scaleTensor, as: T.self, name: "Scale")
        let bias = try biasTensor.map { try NormalizationSupport.values($0, as: T.self, name: "B") }
        let (rows, columns) = (layout.rows, layout.columns)
        let eps = T(epsilon)
        var means = [T](repeating: .zero, count: rows)
        var invStdDevs = [T](repeating: .zero, count: rows)
        let y = [T](pooledCapacity: x.count) { out, written in
            guard let o = out.baseAddress, x.count == rows * columns else { return }
            x.withUnsafeBufferPointer { src in
                scale.withUnsafeBufferPointer { g in
                    guard let src = src.baseAddress else { return }
                    for r in 0..<rows {
                        let row = src + r * columns
                        let dst = o + r * columns
                        let (mean, variance) = NormalizationSupport.moments(row, columns)
                        let inv = 1 / T.sqrt(variance + eps)
                        means[r] = mean
                        invStdDevs[r] = inv
                        if let bias {
                            bias.withUnsafeBufferPointer { b in
                                for c in 0..<columns { (dst + c).initialize(to: (row[c] - mean) * inv * g[c] + b[c]) }
                            }
                        } else {
                            for c in 0..<columns { (dst + c).initialize(to: (row[c] - mean) * inv * g[c]) }
                        }
                    }
                }
            }
            written = x.count
        }
        return (y, means, invStdDevs)
    }
}
