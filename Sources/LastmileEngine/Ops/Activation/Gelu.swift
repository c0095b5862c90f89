import LastmileTensor

/// Gelu (opset 20): `0.5 x (1 + erf(x / sqrt 2))`, or with `approximate` = "tanh"
/// `0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))`.
struct GeluFunction: UnaryFunction {
    let tanhApproximation: Bool

    init(_ ctx: NodeContext) throws {
        let approximate = try ctx.string("approximate", default: "none")
        switch approximate {
        case "none": tanhApproximation = false
        case "tanh": tanhApproximation = true
        default: throw OpError("attribute \"approximate\" is \"\(approximate)\", expected \"none\" or \"tanh\"")
        }
    }

    @inline(__always)
    func callAsFunction<T: FloatElement>(_ x: T) -> T {
        if tanhApproximation {
            let inner = T(0.797_884_560_802_865_4) * (x + T(0.044_715) * x * x * x)
            return T(0.5) * x * (1 + T.tanh(inner))
        }
        return T(0.5) * x * (1 + T.erf(x * T(0.707_106_781_186_547_5)))
    }

    @inline(__always)
    func float32(_ x: Float) -> Float {
        if tanhApproximation {
            return 0.5 * x * (1 + FastMath.tanh(0.797_884_56 * (x + 0.044_715 * x * x * x)))
        }
        return 0.5 * x * (1 + FastMath.erf(x * 0.707_106_78))
    }
}
