import LastmileTensor

/// Acosh: the inverse hyperbolic cosine (NaN below 1).
struct AcoshFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.acosh(x) }
}
