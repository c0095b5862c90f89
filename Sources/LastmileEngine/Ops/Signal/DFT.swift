import LastmileTensor

/// DFT (opsets 17, 20): the discrete Fourier transform of real (trailing dimension 1) or complex
/// (trailing dimension 2) signals along one axis — the `axis` attribute (17, default 1) or input
/// (20, default -2) — zero-padded or truncated to `dft_length`, `inverse` (normalised by
/// 1/length), keeping the first `length / 2 + 1` bins when `onesided`. Computes in float64.
struct DFTKernel: Kernel {
    let axisAttribute: Int?
    let inverse: Bool
    let onesided: Bool

    init(_ ctx: NodeContext) throws {
        axisAttribute = ctx.opset < 20 ? try ctx.int("axis", default: 1) : nil
        inverse = try ctx.int("inverse", default: 0) != 0
        onesided = try ctx.int("onesided", default: 0) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard x.dtype.isFloatingPoint, let values = x.doubles else { throw OpError("input must be a float tensor, got \(x.dtype)") }
        guard x.rank >= 2, let last = x.shape.last, last == 1 || last == 2 else {
            throw OpError("input must have rank 2 or more and a last dimension of 1 (real) or 2 (complex), got shape \(x.shape)")
        }
        var rawAxis = axisAttribute ?? -2
        if axisAttribute == nil, let axisTensor = try inputs.optionalTensor(2) {
            rawAxis = try Spectral.scalar(axisTensor, "axis")
        }
        let axis = try TensorOps.axis(rawAxis, rank: x.rank)
        guard axis < x.rank - 1 else { throw OpError("axis \(rawAxis) names the real/imaginary dimension of shape \(x.shape)") }
        let count = x.shape[axis]
        var length = count
        if let lengthTensor = try inputs.optionalTensor(1) {
            length = try Spectral.scalar(lengthTensor, "dft_length")
            guard length > 0 else { throw OpError("dft_length must be positive, got \(length)") }
        }
        let bins = onesided ? length / 2 + 1 : length
        var outShape = x.shape
        outShape[axis] = bins
        outShape[x.rank - 1] = 2
        let outCount = try TensorOps.elementCount(outShape)
        let outer = Shape.count(Array(x.shape[..<axis]))
        let inner = Shape.count(Array(x.shape[(axis + 1)..<(x.rank - 1)]))
        let transform = Spectral.Transform(length: length, bins: bins, inverse: inverse)
        var out = [Double](repeating: 0, count: outCount)
        for o in 0..<outer {
            for i in 0..<inner {
                let inBase = o * count * inner * last + i * last
                let outBase = o * bins * inner * 2 + i * 2
                transform.apply(
                    real: { values[inBase + $0 * inner * last] },
                    imag: { last == 2 ? values[inBase + $0 * inner * last + 1] : 0 },
                    count: count
                ) { k, re, im in
                    out[outBase + k * inner * 2] = re
                    out[outBase + k * inner * 2 + 1] = im
                }
            }
        }
        return [.tensor(try TensorOps.rethrowing { try Tensor(unchecked: outShape, out).cast(to: x.dtype) })]
    }
}
