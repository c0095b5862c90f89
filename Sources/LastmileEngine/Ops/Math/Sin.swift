import LastmileTensor

/// Sin: the sine.
struct SinFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.sin(x) }
}
