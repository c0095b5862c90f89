import LastmileTensor

/// PRelu: `x` for x >= 0, else `slope * x`, with the slope broadcast numpy-style (onnxruntime
/// also accepts a slope that broadcasts both ways). Integer types from opset 9.
struct PReluFunction: BinaryFunction {
    @inline(__always)
    func callAsFunction<T: FloatElement>(_ x: T, _ slope: T) -> T {
        x < 0 ? x * slope : x
    }

    @inline(__always)
    func integer<T: IntegerElement>(_ x: T, _ slope: T) -> T {
        x < 0 ? x &* slope : x
    }
}
