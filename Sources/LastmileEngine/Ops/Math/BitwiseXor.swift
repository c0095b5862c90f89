import LastmileTensor

/// BitwiseXor: `a ^ b` for integers.
struct BitwiseXorFunction: BinaryFunction {
    var types: NumericTypes { .integersOnly }
    @inline(__always) func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a ^ b }
}
