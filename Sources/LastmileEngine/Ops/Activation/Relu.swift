import LastmileTensor

/// Relu: `max(0, x)`; NaN and -0 pass through, as in onnxruntime. Signed integers from opset 14.
struct ReluFunction: UnaryFunction {
    var types: NumericTypes { .signed }
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { x < 0 ? 0 : x }
    @inline(__always) func float32(_ x: Float) -> Float { FastMath.select(x < 0, 0, x) }
    @inline(__always) func integer<T: IntegerElement>(_ x: T) -> T { x < 0 ? 0 : x }
}
