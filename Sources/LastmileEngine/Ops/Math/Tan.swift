import LastmileTensor

/// Tan: the tangent.
struct TanFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.tan(x) }
}
