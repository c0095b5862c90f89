import LastmileTensor

/// DequantizeLinear (opsets 10, 13, 19, 21, 23): `y = (x - x_zero_point) * x_scale`, per tensor,
/// per `axis` (13+) or per block of `block_size` along `axis` (21+). The output has the scale's
/// type, or `output_dtype` (23+). Inputs are int8/uint8/int16/uint16/int32; float8 and int4 are
/// refused (Lastmile has no such tensor types).
struct DequantizeLinearKernel: Kernel {
    let axis: Int
    let blockSize: Int
    let outputType: DType?

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: 1)
        blockSize = try ctx.int("block_size", default: 0)
        guard blockSize >= 0 else { throw OpError("block_size must be 0 or positive, got \(blockSize)") }
        let code = try ctx.int("output_dtype", default: 0)
        outputType = code == 0 ? nil : try Quantization.dtype(onnxCode: code, "output_dtype")
        if let outputType, !outputType.isFloatingPoint {
            throw OpError("output_dtype must be a float type, got \(outputType)")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let scale = try inputs.tensor(1)
        let zeroPoint = try inputs.optionalTensor(2)
        guard scale.dtype.isFloatingPoint else { throw OpError("x_scale must be a float tensor, got \(scale.dtype)") }
        if let zeroPoint {
            try Quantization.checkZeroPoint(zeroPoint, scale: scale, dtype: x.dtype, "x_zero_point")
        }
        let layout = try Quantization.Layout(shape: x.shape, scaleShape: scale.shape, axis: axis, blockSize: blockSize)
        let dtype = outputType ?? scale.dtype
        let values = try Quantization.int32s(x, "x")
        let zeros = try zeroPoint.map { try Quantization.int32s($0, "x_zero_point") } ?? [0]
        let storage: TensorStorage
        if x.dtype == .int32 || dtype == .float64 {
            // Large int32 differences are not exact in Float (the reference computes in float64).
            let y = Self.dequantize(values.map { Double(Float($0)) }, layout, try Quantization.doubles(scale, "x_scale"), zeros.map(Double.init))
            switch dtype {
            case .float64: storage = .float64(y)
            case .float16: storage = .float16(y.map { Float16(Float($0)) })
            default: storage = .float32(y.map { Float($0) })
            }
        } else {
            let y = Self.dequantize(values.map(Float.init), layout, try Quantization.floats(scale, "x_scale"), zeros.map(Float.init))
            storage = dtype == .float16 ? .float16(y.map { Float16($0) }) : .float32(y)
        }
        return [.tensor(x.with(storage: storage))]
    }

    static func dequantize<C: BinaryFloatingPoint>(
        _ x: [C], _ layout: Quantization.Layout, _ scales: [C], _ zeros: [C]
    ) -> [C] {
        let zeros = zeros.count == 1 ? [C](repeating: zeros[0], count: scales.count) : zeros
        return [C](pooledCapacity: x.count) { out, written in
            x.withUnsafeBufferPointer { px in
                scales.withUnsafeBufferPointer { ps in
                    zeros.withUnsafeBufferPointer { pz in
                        layout.forEach { i, s in
                            out.initializeElement(at: i, to: (px[i] - pz[s]) * ps[s])
                        }
                    }
                }
            }
            written = x.count
        }
    }
}
