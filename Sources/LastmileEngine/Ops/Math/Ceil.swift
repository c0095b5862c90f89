import LastmileTensor

/// Ceil: the smallest integral value not below `x`.
struct CeilFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { x.rounded(.up) }
}
