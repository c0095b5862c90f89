import LastmileTensor

/// Round: the nearest integral value, halves to even.
struct RoundFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { x.rounded(.toNearestOrEven) }
}
