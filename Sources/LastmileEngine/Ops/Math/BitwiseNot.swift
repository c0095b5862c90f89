import LastmileTensor

/// BitwiseNot: `~x` for integers.
struct BitwiseNotFunction: UnaryFunction {
    var types: NumericTypes { .integersOnly }
    @inline(__always) func integer<T: IntegerElement>(_ x: T) -> T { ~x }
}
