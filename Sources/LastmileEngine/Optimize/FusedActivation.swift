import LastmileTensor

/// An activation applied in place to the output of the node before it (Gemm, Conv, MatMul),
/// so the activation needs no node, no output buffer and no second trip through memory.
///
/// The optimiser records it in the producing node's `fusedActivation` (which a model cannot
/// set); the plan wraps that node's kernel in `FusedActivationKernel`.
package enum FusedActivation: Sendable, Equatable {
    case relu
    case leakyRelu(alpha: Float)
    case sigmoid
    case tanh
    case clip(min: Float, max: Float)

    /// The activation a node computes, when it is one that fuses and its parameters are known.
    package init?(node: Node, constants: [String: Tensor]) {
        guard node.domain == Domain.onnx, node.inputs.first.map({ !$0.isEmpty }) == true else { return nil }
        let context = NodeContext(node: node, opset: 1)
        switch node.opType {
        case "Relu": self = .relu
        case "Sigmoid": self = .sigmoid
        case "Tanh": self = .tanh
        case "LeakyRelu":
            guard let alpha = try? context.float("alpha", default: 0.01) else { return nil }
            self = .leakyRelu(alpha: alpha)
        case "Clip":
            if node.inputs.count > 1 {
                // Opset 11 and later: bounds are optional inputs, fused only when constant.
                func bound(_ index: Int, _ fallback: Float) -> Float? {
                    guard index < node.inputs.count, !node.inputs[index].isEmpty else { return fallback }
                    guard let tensor = constants[node.inputs[index]], tensor.count == 1 else { return nil }
                    return tensor.elements(Float.self)?.first
                }
                guard let low = bound(1, -.infinity), let high = bound(2, .infinity) else { return nil }
                self = .clip(min: low, max: high)
            } else {
                guard let low = try? context.float("min", default: -.infinity),
                      let high = try? context.float("max", default: .infinity) else { return nil }
                self = .clip(min: low, max: high)
            }
        default:
            return nil
        }
    }

    /// Applies the activation to `values` in place, with the same arithmetic as the op's kernel.
    func apply(_ values: UnsafeMutableBufferPointer<Float>) {
        guard let p = values.baseAddress else { return }
        let n = values.count
        switch self {
        case .relu:
            for i in 0..<n { p[i] = p[i] > 0 ? p[i] : 0 }
        case .leakyRelu(let alpha):
            for i in 0..<n { p[i] = p[i] >= 0 ? p[i] : p[i] * alpha }
        case .sigmoid:
            for i in 0..<n { p[i] = SigmoidFunction().float32(p[i]) }
        case .tanh:
            for i in 0..<n { p[i] = TanhFunction().float32(p[i]) }
        case .clip(let low, let high):
            for i in 0..<n { p[i] = p[i].isNaN ? p[i] : Swift.min(Swift.max(p[i], low), high) }
        }
    }
}

/// A kernel that applies a fused activation inside its own loops, while its output is still
/// in cache, instead of in a second pass over the whole output.
protocol ActivationFusing: Kernel {
    /// This kernel with `activation` applied to its (float32) output.
    func fusing(_ activation: FusedActivation) -> any Kernel
}

/// Runs a kernel, then its fused activation on its first output (float32 only; other types
/// never get an activation fused, see `Optimizer.fuseActivations`).
struct FusedActivationKernel: Kernel {
    let inner: any Kernel
    let activation: FusedActivation

    func run(_ inputs: KernelInputs) throws -> [Value] {
        var results = try inner.run(inputs)
        guard case .tensor(var tensor)? = results.first else { return results }
        results[0] = .sequence([])  // release the array's reference so the update is in place
        guard tensor.mutateFloat32({ activation.apply($0) }) else {
            throw OpError("a fused activation needs a float32 output, got \(tensor.dtype)")
        }
        results[0] = .tensor(tensor)
        return results
    }
}
