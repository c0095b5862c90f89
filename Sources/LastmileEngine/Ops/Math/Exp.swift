import LastmileTensor

/// Exp: e^x; float32 uses the vectorising approximation.
struct ExpFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.exp(x) }
    @inline(__always) func float32(_ x: Float) -> Float { FastMath.exp(x) }
}
