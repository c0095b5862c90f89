import Foundation
import LastmileTensor

/// An activation function of a recurrent op's gates (`activations`, `activation_alpha`,
/// `activation_beta`), applied in place to float32 buffers.
enum RecurrentActivation: Sendable, Equatable {
    case relu
    case tanh
    case sigmoid
    case affine(alpha: Float, beta: Float)
    case leakyRelu(alpha: Float)
    case thresholdedRelu(alpha: Float)
    case scaledTanh(alpha: Float, beta: Float)
    case hardSigmoid(alpha: Float, beta: Float)
    case elu(alpha: Float)
    case softsign
    case softplus

    /// Parses the node's activation list, consuming `activation_alpha`/`activation_beta` in
    /// order for the functions that take them (onnxruntime's defaults otherwise).
    ///
    /// `perDirection` is the op's function count; a list for one direction serves both.
    static func list(_ ctx: NodeContext, defaults: [String], directions: Int) throws -> [RecurrentActivation] {
        var names = try ctx.strings("activations", default: [])
        let perDirection = defaults.count
        if names.isEmpty {
            names = Array([[String]](repeating: defaults, count: directions).joined())
        } else if names.count == perDirection && directions == 2 {
            names += names
        }
        guard names.count == perDirection * directions else {
            throw OpError("activations lists \(names.count) functions, expected \(perDirection * directions)")
        }
        var alphas = try ctx.floats("activation_alpha", default: [])[...]
        var betas = try ctx.floats("activation_beta", default: [])[...]
        func next(_ list: inout ArraySlice<Float>, _ fallback: Float) -> Float {
            list.popFirst() ?? fallback
        }
        return try names.map { name -> RecurrentActivation in
            switch name.lowercased() {
            case "relu": return .relu
            case "tanh": return .tanh
            case "sigmoid": return .sigmoid
            case "affine": return .affine(alpha: next(&alphas, 1), beta: next(&betas, 0))
            case "leakyrelu": return .leakyRelu(alpha: next(&alphas, 0.01))
            case "thresholdedrelu": return .thresholdedRelu(alpha: next(&alphas, 1))
            case "scaledtanh": return .scaledTanh(alpha: next(&alphas, 1), beta: next(&betas, 1))
            case "hardsigmoid": return .hardSigmoid(alpha: next(&alphas, 0.2), beta: next(&betas, 0.5))
            case "elu": return .elu(alpha: next(&alphas, 1))
            case "softsign": return .softsign
            case "softplus": return .softplus
            default: throw OpError.unsupported("activation \"\(name)\" is not one of the recurrent activation functions")
            }
        }
    }

    /// Applies the function to `count` floats at `p`, first clipping them to ±`clip` when given.
    ///
    /// Sigmoid and tanh use the vectorising approximations of `FastMath`, as onnxruntime's MLAS.
    @inline(__always)
    func apply(_ p: UnsafeMutablePointer<Float>, _ count: Int, clip: Float?) {
        if let clip {
            for i in 0..<count { p[i] = Swift.min(Swift.max(p[i], -clip), clip) }
        }
        switch self {
        case .relu:
            for i in 0..<count { p[i] = Swift.max(p[i], 0) }
        case .tanh:
            for i in 0..<count { p[i] = FastMath.tanh(p[i]) }
        case .sigmoid:
            for i in 0..<count { p[i] = FastMath.sigmoid(p[i]) }
        case .affine(let alpha, let beta):
            for i in 0..<count { p[i] = alpha * p[i] + beta }
        case .leakyRelu(let alpha):
            for i in 0..<count { p[i] = p[i] >= 0 ? p[i] : alpha * p[i] }
        case .thresholdedRelu(let alpha):
            for i in 0..<count { p[i] = p[i] > alpha ? p[i] : 0 }
        case .scaledTanh(let alpha, let beta):
            for i in 0..<count { p[i] = alpha * FastMath.tanh(beta * p[i]) }
        case .hardSigmoid(let alpha, let beta):
            for i in 0..<count { p[i] = Swift.min(Swift.max(alpha * p[i] + beta, 0), 1) }
        case .elu(let alpha):
            for i in 0..<count { p[i] = p[i] >= 0 ? p[i] : alpha * (Foundation.exp(p[i]) - 1) }
        case .softsign:
            for i in 0..<count { p[i] = p[i] / (1 + Swift.abs(p[i])) }
        case .softplus:
            for i in 0..<count {
                let x = p[i]
                p[i] = x > 0 ? x + Foundation.log1p(Foundation.exp(-x)) : Foundation.log1p(Foundation.exp(x))
            }
        }
    }
}
