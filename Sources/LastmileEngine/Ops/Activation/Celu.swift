import LastmileTensor

/// Celu: `max(0, x) + min(0, alpha * (e^(x / alpha) - 1))` (alpha defaults to 1). The spec
/// lists float32 only; float16 and float64 work too.
struct CeluFunction: UnaryFunction {
    let alpha: Float

    init(_ ctx: NodeContext) throws {
        alpha = try ctx.float("alpha", default: 1)
    }

    @inline(__always)
    func callAsFunction<T: FloatElement>(_ x: T) -> T {
        // Equal to the definition for either sign of alpha, and keeps NaN.
        let alpha = T(self.alpha)
        return x > 0 ? x : alpha * T.expMinusOne(x / alpha)
    }

    @inline(__always)
    func float32(_ x: Float) -> Float {
        x > 0 ? x : alpha * (FastMath.exp(x / alpha) - 1)
    }
}
