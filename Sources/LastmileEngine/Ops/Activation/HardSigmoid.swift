import LastmileTensor

/// HardSigmoid: `max(0, min(1, alpha * x + beta))` (defaults 0.2 and 0.5); NaN stays NaN.
struct HardSigmoidFunction: UnaryFunction {
    let alpha: Float
    let beta: Float

    init(alpha: Float, beta: Float) {
        self.alpha = alpha
        self.beta = beta
    }

    init(_ ctx: NodeContext) throws {
        self.init(alpha: try ctx.float("alpha", default: 0.2), beta: try ctx.float("beta", default: 0.5))
    }

    @inline(__always)
    func callAsFunction<T: FloatElement>(_ x: T) -> T {
        var y = T(alpha) * x + T(beta)
        if y < 0 { y = 0 }
        if y > 1 { y = 1 }
        return y
    }

    @inline(__always)
    func float32(_ x: Float) -> Float {
        let y = alpha * x + beta
        return FastMath.select(y > 1, 1, FastMath.select(y < 0, 0, y))
    }
}
