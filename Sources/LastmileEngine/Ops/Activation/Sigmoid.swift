import LastmileTensor

/// Sigmoid: `1 / (1 + e^-x)`; float32 uses the vectorising approximation.
struct SigmoidFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { 1 / (1 + T.exp(-x)) }
    @inline(__always) func float32(_ x: Float) -> Float { FastMath.sigmoid(x) }
}
