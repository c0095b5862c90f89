import LastmileTensor

/// Max: the larger operand; a NaN operand gives NaN, as in onnxruntime.
struct MaxFunction: BinaryFunction {
    @inline(__always)
    func callAsFunction<T: FloatElement>(_ a: T, _ b: T) -> T {
        a > b || a.isNaN ? a : b
    }

    @inline(__always)
    func float32(_ a: Float, _ b: Float) -> Float {
        FastMath.select(a > b || a.isNaN, a, b)
    }

    @inline(__always) func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { Swift.max(a, b) }
}
