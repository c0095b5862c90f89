import LastmileTensor

/// Cos: the cosine.
struct CosFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.cos(x) }
}
