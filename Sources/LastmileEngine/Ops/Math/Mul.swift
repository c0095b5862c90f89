import LastmileTensor

/// Mul: `a * b`, wrapping on integer overflow.
struct MulFunction: BinaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ a: T, _ b: T) -> T { a * b }
    @inline(__always) func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a &* b }
}
