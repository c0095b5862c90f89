import LastmileTensor

/// Asin: the arcsine (NaN outside [-1, 1]).
struct AsinFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.asin(x) }
}
