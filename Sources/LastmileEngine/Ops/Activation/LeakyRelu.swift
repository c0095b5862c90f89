import LastmileTensor

/// LeakyRelu: `x` for x >= 0, else `alpha * x` (alpha defaults to 0.01).
struct LeakyReluFunction: UnaryFunction {
    let alpha: Float

    init(_ ctx: NodeContext) throws {
        alpha = try ctx.float("alpha", default: 0.01)
    }

    @inline(__always)
    func callAsFunction<T: FloatElement>(_ x: T) -> T {
        x >= 0 ? x : T(alpha) * x
    }
}
