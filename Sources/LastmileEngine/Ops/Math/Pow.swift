import LastmileTensor

/// Pow: `x ^ y` with numpy broadcasting; the result has x's type.
///
/// From opset 12 the exponent may have any numeric type. Float bases use C's `pow` (so a
/// negative base with an integral exponent works) with fast paths for the scalar exponents
/// 1, 2 and 3. Integer bases with integer exponents are exact (wrapping on overflow; a
/// negative exponent truncates 1 / x^|y| to an integer); with float exponents they are
/// computed in Double and truncated, as onnxruntime does.
struct PowKernel: Kernel {
    let legacy: LegacyBroadcast?

    init(_ ctx: NodeContext) throws {
        legacy = try LegacyBroadcast(ctx)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        var y = try inputs.tensor(1)
        if let legacy { y = try legacy.align(y, to: x) }
        try NumericTypes.all.check(x.dtype, input: 0)
        try NumericTypes.all.check(y.dtype, input: 1)
        switch x.storage {
        case .float32(let a): return [.tensor(try Self.power(a, x.shape, y, Float.self))]
        case .float64(let a): return [.tensor(try Self.power(a, x.shape, y, Double.self))]
        case .float16(let a):
            let result = try Self.power(Elementwise.map(a) { Float($0) }, x.shape, y, Float.self)
            return [.tensor(try result.cast(to: .float16))]
        case .int8(let a): return [.tensor(try Self.power(a, x.shape, y))]
        case .int16(let a): return [.tensor(try Self.power(a, x.shape, y))]
        case .int32(let a): return [.tensor(try Self.power(a, x.shape, y))]
        case .int64(let a): return [.tensor(try Self.power(a, x.shape, y))]
        case .uint8(let a): return [.tensor(try Self.power(a, x.shape, y))]
        case .uint16(let a): return [.tensor(try Self.power(a, x.shape, y))]
        case .uint32(let a): return [.tensor(try Self.power(a, x.shape, y))]
        case .uint64(let a): return [.tensor(try Self.power(a, x.shape, y))]
        case .bool, .string: throw OpError.unsupportedType(x.dtype, expected: "a numeric type")
        }
    }

    private static func power<T: FloatElement>(_ base: [T], _ shape: [Int], _ exponent: Tensor, _: T.Type) throws -> Tensor {
        guard let e = try exponent.cast(to: T.dtype).elements(T.self) else {
            throw OpError.unsupportedType(exponent.dtype, input: 1, expected: "a numeric type")
        }
        if e.count == 1, exponent.rank <= shape.count {
            let outShape = try Elementwise.broadcastShape(shape, exponent.shape)
            switch e[0] {
            case 1: return Tensor(unchecked: outShape, base)
            case 2: return Tensor(unchecked: outShape, Elementwise.map(base) { $0 * $0 })
            case 3: return Tensor(unchecked: outShape, Elementwise.map(base) { $0 * $0 * $0 })
            default: break
            }
        }
        return try Elementwise.zip(base, shape, e, exponent.shape, FloatPower<T>())
    }

    private static func power<T: IntegerElement>(_ base: [T], _ shape: [Int], _ exponent: Tensor) throws -> Tensor {
        if exponent.dtype.isInteger {
            guard let e = try exponent.cast(to: .int64).elements(Int64.self) else {
                throw OpError.unsupportedType(exponent.dtype, input: 1, expected: "a numeric type")
            }
            return try Elementwise.zip(base, shape, e, exponent.shape, IntegerPower<T>())
        }
        guard let e = try exponent.cast(to: .float64).elements(Double.self) else {
            throw OpError.unsupportedType(exponent.dtype, input: 1, expected: "a numeric type")
        }
        return try Elementwise.zip(base, shape, e, exponent.shape, TruncatedPower<T>())
    }
}

/// `x ^ y` for floats, with C's `pow`.
private struct FloatPower<T: FloatElement>: ElementPairOperation {
    @inline(__always) func callAsFunction(_ x: T, _ y: T) -> T { cPow(x, y) }
}

/// An integer to a float power, computed in Double and truncated.
private struct TruncatedPower<T: IntegerElement>: ElementPairOperation {
    @inline(__always) func callAsFunction(_ x: T, _ y: Double) -> T { T(lossyDouble: cPow(Double(x), y)) }
}

/// An integer to an integer power by squaring, wrapping on overflow; a negative exponent
/// truncates 1 / x^|y| toward zero.
private struct IntegerPower<T: IntegerElement>: ElementPairOperation {
    @inline(__always)
    func callAsFunction(_ base: T, _ exponent: Int64) -> T {
        if exponent < 0 {
            if base == 1 { return 1 }
            if T.isSigned && base == T(truncatingIfNeeded: -1) { return exponent & 1 == 1 ? base : 1 }
            return 0
        }
        var result: T = 1
        var b = base
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result &* b }
            e >>= 1
            if e > 0 { b = b &* b }
        }
        return result
    }
}
