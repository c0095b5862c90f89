import LastmileTensor

/// Cosh: the hyperbolic cosine.
struct CoshFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.cosh(x) }
}
