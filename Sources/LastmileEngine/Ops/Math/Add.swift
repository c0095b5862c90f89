import LastmileTensor

/// Add: `a + b`, wrapping on integer overflow.
struct AddFunction: BinaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ a: T, _ b: T) -> T { a + b }
    @inline(__always) func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a &+ b }
}
