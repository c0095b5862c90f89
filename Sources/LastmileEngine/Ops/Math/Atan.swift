import LastmileTensor

/// Atan: the arctangent.
struct AtanFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.atan(x) }
}
