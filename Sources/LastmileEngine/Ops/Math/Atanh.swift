import LastmileTensor

/// Atanh: the inverse hyperbolic tangent (NaN outside [-1, 1]).
struct AtanhFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.atanh(x) }
}
