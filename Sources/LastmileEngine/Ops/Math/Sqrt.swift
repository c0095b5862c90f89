import LastmileTensor

/// Sqrt: the square root (NaN for negative inputs).
struct SqrtFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { x.squareRoot() }

    /// The square root of |x| with x's sign, NaN below zero: `squareRoot()` of a value that
    /// may be negative compiles to a libm call (for errno) and does not vectorise.
    @inline(__always)
    func float32(_ x: Float) -> Float {
        let root = Float(bitPattern: x.magnitude.squareRoot().bitPattern | (x.bitPattern & 0x8000_0000))
        return FastMath.select(x < 0, .nan, root)
    }
}
