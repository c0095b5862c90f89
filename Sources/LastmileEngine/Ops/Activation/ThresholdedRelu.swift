import LastmileTensor

/// ThresholdedRelu: `x` for x > alpha, else 0 (alpha defaults to 1).
struct ThresholdedReluFunction: UnaryFunction {
    let alpha: Float

    init(_ ctx: NodeContext) throws {
        alpha = try ctx.float("alpha", default: 1)
    }

    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { x > T(alpha) ? x : 0 }
    @inline(__always) func float32(_ x: Float) -> Float { FastMath.select(x > alpha, x, 0) }
}
