import LastmileTensor

/// Elu: `x` for x >= 0, else `alpha * (e^x - 1)` (alpha defaults to 1).
struct EluFunction: UnaryFunction {
    let alpha: Float

    init(_ ctx: NodeContext) throws {
        alpha = try ctx.float("alpha", default: 1)
    }

    @inline(__always)
    func callAsFunction<T: FloatElement>(_ x: T) -> T {
        x >= 0 ? x : T(alpha) * T.expMinusOne(x)
    }

    @inline(__always)
    func float32(_ x: Float) -> Float {
        x >= 0 ? x : alpha * (FastMath.exp(x) - 1)
    }
}
