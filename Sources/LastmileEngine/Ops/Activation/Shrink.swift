import LastmileTensor

/// Shrink: `x + bias` for x < -lambd, `x - bias` for x > lambd, else 0 (defaults 0.5 and 0).
/// Integer inputs are computed in Double and truncated back, as onnxruntime does.
struct ShrinkFunction: UnaryFunction {
    let lambd: Float
    let bias: Float

    init(_ ctx: NodeContext) throws {
        lambd = try ctx.float("lambd", default: 0.5)
        bias = try ctx.float("bias", default: 0)
    }

    var types: NumericTypes { .all }

    @inline(__always)
    func callAsFunction<T: FloatElement>(_ x: T) -> T {
        let lambd = T(self.lambd), bias = T(self.bias)
        return x < -lambd ? x + bias : (x > lambd ? x - bias : 0)
    }

    @inline(__always)
    func float32(_ x: Float) -> Float {
        FastMath.select(x < -lambd, x + bias, FastMath.select(x > lambd, x - bias, 0))
    }

    @inline(__always)
    func integer<T: IntegerElement>(_ x: T) -> T {
        T(lossyDouble: self(Double(x)))
    }
}
