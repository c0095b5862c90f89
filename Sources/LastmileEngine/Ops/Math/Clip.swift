import LastmileTensor

/// Clip: limits every element to `[min, max]`.
///
/// Before opset 11 the bounds are float attributes (defaults ∓FLT_MAX); from opset 11 they are
/// optional one-element inputs of the input's type. When min > max every element becomes max,
/// a NaN element stays NaN and a NaN bound is ignored, as in onnxruntime.
struct ClipKernel: Kernel {
    /// The attribute bounds (opset < 11), or nil when the bounds are inputs.
    let attributeMin: Float?
    let attributeMax: Float?

    init(_ ctx: NodeContext) throws {
        if ctx.opset < 11 {
            attributeMin = try ctx.float("min", default: -.greatestFiniteMagnitude)
            attributeMax = try ctx.float("max", default: .greatestFiniteMagnitude)
        } else {
            attributeMin = nil
            attributeMax = nil
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let storage: TensorStorage
        switch x.storage {
        case .float32(let a): storage = .float32(try clip(a, inputs))
        case .float64(let a): storage = .float64(try clip(a, inputs))
        case .float16(let a): storage = .float16(try clip(a, inputs))
        case .int8(let a): storage = .int8(try clip(a, inputs))
        case .int16(let a): storage = .int16(try clip(a, inputs))
        case .int32(let a): storage = .int32(try clip(a, inputs))
        case .int64(let a): storage = .int64(try clip(a, inputs))
        case .uint8(let a): storage = .uint8(try clip(a, inputs))
        case .uint16(let a): storage = .uint16(try clip(a, inputs))
        case .uint32(let a): storage = .uint32(try clip(a, inputs))
        case .uint64(let a): storage = .uint64(try clip(a, inputs))
        case .bool, .string: throw OpError.unsupportedType(x.dtype, expected: "a numeric type")
        }
        return [.tensor(x.with(storage: storage))]
    }

    private func clip<T: NumericElement>(_ values: [T], _ inputs: KernelInputs) throws -> [T] {
        let lo: T, hi: T
        if let attributeMin, let attributeMax {
            guard T.dtype.isFloatingPoint else {
                throw OpError.unsupportedType(T.dtype, expected: "float16, float32 or float64 before opset 12")
            }
            lo = T(lossyDouble: Double(attributeMin))
            hi = T(lossyDouble: Double(attributeMax))
        } else {
            lo = try bound(inputs, 1, T.self) ?? T.minValue
            hi = try bound(inputs, 2, T.self) ?? T.maxValue
        }
        return Elementwise.map(values) { x in
            var y = x
            if y < lo { y = lo }
            if y > hi { y = hi }
            return y
        }
    }

    private func bound<T: NumericElement>(_ inputs: KernelInputs, _ index: Int, _: T.Type) throws -> T? {
        guard let tensor = try inputs.optionalTensor(index) else { return nil }
        guard tensor.dtype == T.dtype else { throw OpError.typeMismatch(T.dtype, tensor.dtype, inputs: (0, index)) }
        guard tensor.count == 1, let value = tensor.elements(T.self)?.first else {
            throw OpError("input \(index) (\(index == 1 ? "min" : "max")) has shape \(tensor.shape), expected a scalar")
        }
        return value
    }
}
