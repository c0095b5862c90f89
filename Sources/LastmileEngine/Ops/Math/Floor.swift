import LastmileTensor

/// Floor: the largest integral value not above `x`.
struct FloorFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { x.rounded(.down) }
}
