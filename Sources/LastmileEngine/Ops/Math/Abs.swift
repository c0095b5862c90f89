import LastmileTensor

/// Abs: `|x|`; the most negative integer stays itself (it wraps, as in C).
struct AbsFunction: UnaryFunction {
    var types: NumericTypes { .all }
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { Swift.abs(x) }
    @inline(__always) func integer<T: IntegerElement>(_ x: T) -> T { x < 0 ? 0 &- x : x }
}
