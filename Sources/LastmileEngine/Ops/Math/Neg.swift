import LastmileTensor

/// Neg: `-x`, wrapping for the most negative integer.
struct NegFunction: UnaryFunction {
    var types: NumericTypes { .signed }
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { -x }
    @inline(__always) func integer<T: IntegerElement>(_ x: T) -> T { 0 &- x }
}
