import LastmileTensor

/// HardSwish: `x * max(0, min(1, x / 6 + 0.5))`.
struct HardSwishFunction: UnaryFunction {
    @inline(__always)
    func callAsFunction<T: FloatElement>(_ x: T) -> T {
        x * HardSigmoidFunction(alpha: 1 / 6, beta: 0.5)(x)
    }

    @inline(__always)
    func float32(_ x: Float) -> Float {
        x * HardSigmoidFunction(alpha: 1 / 6, beta: 0.5).float32(x)
    }
}
