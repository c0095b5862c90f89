import LastmileTensor

/// Sinh: the hyperbolic sine.
struct SinhFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.sinh(x) }
}
