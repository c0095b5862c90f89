import LastmileTensor

/// Mish: `x * tanh(softplus(x))`. The float32 path uses tanh(log(1 + e)) = n / (n + 2) with
/// n = e (e + 2), e = e^x, which vectorises.
struct MishFunction: UnaryFunction {
    @inline(__always)
    func callAsFunction<T: FloatElement>(_ x: T) -> T {
        x * T.tanh(SoftplusFunction()(x))
    }

    @inline(__always)
    func float32(_ x: Float) -> Float {
        let e = FastMath.exp(x)
        let n = e * (e + 2)
        return x > 20 ? x : x * n / (n + 2)
    }
}
