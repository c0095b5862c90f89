import LastmileTensor

/// BitwiseOr: `a | b` for integers.
struct BitwiseOrFunction: BinaryFunction {
    var types: NumericTypes { .integersOnly }
    @inline(__always) func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a | b }
}
