import LastmileTensor

/// Reciprocal: `1 / x`.
struct ReciprocalFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { 1 / x }
}
