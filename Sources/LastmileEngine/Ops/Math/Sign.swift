import LastmileTensor

/// Sign: -1, 0 or 1; NaN stays NaN and -0 gives 0, as in onnxruntime.
struct SignFunction: UnaryFunction {
    var types: NumericTypes { .all }

    @inline(__always)
    func callAsFunction<T: FloatElement>(_ x: T) -> T {
        x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))
    }

    @inline(__always)
    func float32(_ x: Float) -> Float {
        let unit = Float(bitPattern: 0x3F80_0000 | (x.bitPattern & 0x8000_0000))
        return FastMath.select(x == 0, 0, FastMath.select(x.isNaN, x, unit))
    }

    @inline(__always)
    func integer<T: IntegerElement>(_ x: T) -> T {
        x > 0 ? 1 : (x == 0 ? 0 : 0 &- 1)
    }
}
