import LastmileTensor

/// QLinearConv (opset 10): convolution of quantized `x` and `w` (per-output-channel `w_scale`
/// and `w_zero_point` allowed) plus an int32 bias, requantized:
/// `y = saturate(round(acc * x_scale * w_scale / y_scale) + y_zero_point)`.
struct QLinearConvKernel: Kernel {
    let convolution: IntegerConvolution

    init(_ ctx: NodeContext) throws {
        convolution = try IntegerConvolution(ctx)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let w = try inputs.tensor(3)
        let channels = w.shape.first ?? 0
        let xScale = try Quantization.floats(inputs.tensor(1), "x_scale")
        let wScale = try Quantization.floats(inputs.tensor(4), "w_scale")
        let yScale = try Quantization.floats(inputs.tensor(6), "y_scale")
        guard xScale.count == 1, yScale.count == 1, wScale.count == 1 || wScale.count == channels else {
            throw OpError("x_scale and y_scale must be scalars and w_scale a scalar or have \(channels) values")
        }
        let yZero = try inputs.optionalTensor(7)
        let outType = yZero?.dtype ?? x.dtype
        let (lo, hi) = try Quantization.range(outType)
        let zp = try yZero.map { try Quantization.int32s($0, "y_zero_point") } ?? [0]
        guard zp.count == 1 else { throw OpError("y_zero_point must be a scalar") }
        let xs = try IntegerConvolution.centred(x, inputs.optionalTensor(2), "x")
        let ws = try IntegerConvolution.centred(w, inputs.optionalTensor(5), "w", perChannel: channels)
        var (shape, acc) = try convolution.run(x: xs, xShape: x.shape, w: ws, wShape: w.shape)
        let m = shape.count > 1 ? shape[1] : 1
        let plane = Shape.count(Array(shape.dropFirst(2)))
        if let biasTensor = try inputs.optionalTensor(8) {
            let bias = try Quantization.int32s(biasTensor, "B")
            guard bias.count == m else { throw OpError("B must have \(m) values, got shape \(biasTensor.shape)") }
            for i in acc.indices { acc[i] += Double(bias[(i / max(plane, 1)) % m]) }
        }
        let multipliers = (0..<m).map { Double(xScale[0] * wScale[wScale.count == 1 ? 0 : $0] / yScale[0]) }
        let z = Double(zp[0])
        let y = acc.indices.map { i in
            min(max(acc[i] * multipliers[(i / max(plane, 1)) % max(m, 1)] + z, lo), hi).rounded(.toNearestOrEven)
        }
        return [.tensor(try Tensor(shape: shape, storage: Quantization.saturated(y, as: outType)))]
    }
}
