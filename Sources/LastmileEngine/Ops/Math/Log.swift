import LastmileTensor

/// Log: the natural logarithm (NaN below 0, -inf at 0).
struct LogFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.log(x) }
    @inline(__always) func float32(_ x: Float) -> Float { FastMath.log(x) }
}
