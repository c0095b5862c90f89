import LastmileTensor

/// Softsign: `x / (1 + |x|)`.
struct SoftsignFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { x / (1 + Swift.abs(x)) }
}
