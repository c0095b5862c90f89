import LastmileTensor

/// Acos: the arccosine (NaN outside [-1, 1]).
struct AcosFunction: UnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { T.acos(x) }
}
