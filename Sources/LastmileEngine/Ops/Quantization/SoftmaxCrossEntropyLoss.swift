import Foundation
import LastmileTensor

/// SoftmaxCrossEntropyLoss (opsets 12, 13): the negative log-likelihood loss of
/// `log_softmax(scores, axis 1)` for scores (N, C, d...), with optional weights,
/// `ignore_index` and reduction; the optional second output is the log-probabilities.
struct SoftmaxCrossEntropyLossKernel: Kernel {
    let reduction: LossReduction

    init(_ ctx: NodeContext) throws {
        reduction = try LossReduction(ctx)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let scores = try inputs.tensor(0)
        guard scores.dtype.isFloatingPoint, let values = scores.doubles else {
            throw OpError("scores must be a float tensor, got \(scores.dtype)")
        }
        guard scores.rank >= 2 else { throw OpError("scores must have rank 2 or more, got shape \(scores.shape)") }
        let n = scores.shape[0], c = scores.shape[1]
        let inner = Shape.count(Array(scores.shape[2...]))
        var logProb = values
        for image in 0..<n {
            for position in 0..<inner {
                let base = image * c * inner + position
                var top = -Double.infinity
                for k in 0..<c { top = max(top, values[base + k * inner]) }
                var sum = 0.0
                for k in 0..<c { sum += exp(values[base + k * inner] - top) }
                let shift = top + log(sum)
                for k in 0..<c { logProb[base + k * inner] = values[base + k * inner] - shift }
            }
        }
        let loss = try reduction.loss(
            logProb: logProb, shape: scores.shape, target: inputs.tensor(1), weight: inputs.optionalTensor(2), dtype: scores.dtype)
        let logProbTensor = try TensorOps.rethrowing { try Tensor(unchecked: scores.shape, logProb).cast(to: scores.dtype) }
        return [.tensor(loss), .tensor(logProbTensor)]
    }
}
