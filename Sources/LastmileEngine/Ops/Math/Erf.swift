import LastmileTensor

/// Erf: the Gauss error function; float32 uses the vectorising approximation. Integer inputs
/// (which the spec allows) are computed in Double and truncated back.
struct ErfFunction: UnaryFunction {
    var types: NumericTypes { .all }
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.erf(x) }
    @inline(__always) func integer<T: IntegerElement>(_ x: T) -> T { T(lossyDouble: Double.erf(Double(x))) }
    @inline(__always) func float32(_ x: Float) -> Float { FastMath.erf(x) }
}
