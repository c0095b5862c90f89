import LastmileTensor

/// BitwiseAnd: `a & b` for integers.
struct BitwiseAndFunction: BinaryFunction {
    var types: NumericTypes { .integersOnly }
    @inline(__always) func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a & b }
}
