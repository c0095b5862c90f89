import LastmileTensor

/// Selu: `gamma * x` for x > 0, else `gamma * (alpha * e^x - alpha)`.
struct SeluFunction: UnaryFunction {
    let alpha: Float
    let gamma: Float

    init(_ ctx: NodeContext) throws {
        alpha = try ctx.float("alpha", default: 1.673_263_19)
        gamma = try ctx.float("gamma", default: 1.050_701_02)
    }

    @inline(__always)
    func callAsFunction<T: FloatElement>(_ x: T) -> T {
        let alpha = T(self.alpha), gamma = T(self.gamma)
        return x > 0 ? gamma * x : gamma * (alpha * T.exp(x) - alpha)
    }

    @inline(__always)
    func float32(_ x: Float) -> Float {
        x > 0 ? gamma * x : gamma * (alpha * FastMath.exp(x) - alpha)
    }
}
