import LastmileTensor

/// Tanh: the hyperbolic tangent; float32 uses the vectorising approximation.
struct TanhFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.tanh(x) }
    @inline(__always) func float32(_ x: Float) -> Float { FastMath.tanh(x) }
}
