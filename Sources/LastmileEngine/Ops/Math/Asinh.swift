import LastmileTensor

/// Asinh: the inverse hyperbolic sine.
struct AsinhFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.asinh(x) }
}
