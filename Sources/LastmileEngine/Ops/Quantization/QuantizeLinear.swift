import LastmileTensor

/// QuantizeLinear (opsets 10, 13, 19, 21, 23): `y = saturate(round_half_even(x / y_scale) + y_zero_point)`,
/// per tensor, per `axis` (13+) or per block of `block_size` along `axis` (21+). The output type
/// is the zero point's, else `output_dtype` (21+), else uint8. Float8 and int4 outputs are refused
/// (Lastmile has no such tensor types); `saturate` only concerns float8 and is ignored.
struct QuantizeLinearKernel: Kernel {
    let axis: Int
    let blockSize: Int
    let outputType: DType?
    /// The type `x / y_scale` is computed in (`precision`, 23+): nil for x's own type.
    let precision: DType?

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: 1)
        blockSize = try ctx.int("block_size", default: 0)
        guard blockSize >= 0 else { throw OpError("block_size must be 0 or positive, got \(blockSize)") }
        let code = try ctx.int("output_dtype", default: 0)
        outputType = code == 0 ? nil : try Quantization.dtype(onnxCode: code, "output_dtype")
        if let outputType {
            _ = try Quantization.range(outputType)
        }
        let precisionCode = try ctx.int("precision", default: 0)
        precision = precisionCode == 0 ? nil : try Quantization.dtype(onnxCode: precisionCode, "precision")
        if let precision, precision != .float32, precision != .float16, precision != .float64 {
            throw OpError("precision must be a float type, got \(precision)")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let scale = try inputs.tensor(1)
        let zeroPoint = try inputs.optionalTensor(2)
        let dtype = zeroPoint?.dtype ?? outputType ?? .uint8
        if let zeroPoint, let outputType, zeroPoint.dtype != outputType {
            throw OpError("y_zero_point has type \(zeroPoint.dtype) but output_dtype is \(outputType)")
        }
        let (lo, hi) = try Quantization.range(dtype)
        guard dtype != .int32 else { throw OpError("QuantizeLinear cannot produce int32") }
        guard scale.dtype.isFloatingPoint else { throw OpError("y_scale must be a float tensor, got \(scale.dtype)") }
        if let zeroPoint {
            try Quantization.checkZeroPoint(zeroPoint, scale: scale, dtype: nil, "y_zero_point")
        }
        let layout = try Quantization.Layout(shape: x.shape, scaleShape: scale.shape, axis: axis, blockSize: blockSize)
        let computeType = precision ?? (x.dtype == .int32 ? .float64 : x.dtype == .float16 && scale.dtype == .float16 ? .float16 : .float32)
        let zeros = try zeroPoint.map { try Quantization.int32s($0, "y_zero_point") } ?? [0]
        let storage: TensorStorage
        switch computeType {
        case .float64:
            guard let xs = x.doubles, x.dtype.isNumeric else { throw OpError("x must be numeric, got \(x.dtype)") }
            let q = Self.quantize(xs, layout, try Quantization.doubles(scale, "y_scale"), zeros.map(Double.init), lo, hi, half: false)
            storage = try Quantization.saturated(q, as: dtype)
        default:
            let xs: [Float]
            if x.dtype == .int32, let v = x.doubles { xs = v.map { Float($0) } } else { xs = try Quantization.floats(x, "x") }
            let q = Self.quantize(
                xs, layout, try Quantization.floats(scale, "y_scale"), zeros.map(Float.init), Float(lo), Float(hi),
                half: computeType == .float16)
            storage = try Quantization.saturated(q, as: dtype)
        }
        return [.tensor(x.with(storage: storage))]
    }

    /// `round(x / scale) + zero`, clamped to [lo, hi], computed in `C`; `half` rounds the
    /// quotient to float16 first, as a float16 division would.
    static func quantize<C: BinaryFloatingPoint>(
        _ x: [C], _ layout: Quantization.Layout, _ scales: [C], _ zeros: [C], _ lo: C, _ hi: C, half: Bool
    ) -> [C] {
        let zeros = zeros.count == 1 ? [C](repeating: zeros[0], count: scales.count) : zeros
        return [C](pooledCapacity: x.count) { out, written in
            x.withUnsafeBufferPointer { px in
                scales.withUnsafeBufferPointer { ps in
                    zeros.withUnsafeBufferPointer { pz in
                        layout.forEach { i, s in
                            var q = px[i] / ps[s]
                            if half { q = C(Float16(Float(q))) }
                            q = q.rounded(.toNearestOrEven) + pz[s]
                            out.initializeElement(at: i, to: q.isNaN ? 0 : min(max(q, lo), hi))
                        }
                    }
                }
            }
            written = x.count
        }
    }
}
