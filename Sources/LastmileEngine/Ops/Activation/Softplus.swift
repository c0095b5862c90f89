import LastmileTensor

/// Softplus: `log(1 + e^x)`, computed without overflow for large x.
struct SoftplusFunction: UnaryFunction {
    @inline(__always)
    func callAsFunction<T: FloatElement>(_ x: T) -> T {
        x > 0 ? x + T.log(onePlus: T.exp(-x)) : T.log(onePlus: T.exp(x))
    }
}
