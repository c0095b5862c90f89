import LastmileTensor

/// The negative log-likelihood computation shared by NegativeLogLikelihoodLoss and
/// SoftmaxCrossEntropyLoss: picks `-input[n, target[n, d...], d...]`, weighted by
/// `weight[target]`, skipping `ignore_index`, then reduces (none, sum, or weighted mean).
struct LossReduction: Sendable {
    enum Mode: String, Sendable { case none, sum, mean }

    let mode: Mode
    let ignoreIndex: Int?

    init(_ ctx: NodeContext) throws {
        let name = try ctx.string("reduction", default: "mean")
        guard let mode = Mode(rawValue: name) else {
            throw OpError("reduction must be none, sum or mean, got \"\(name)\"")
        }
        self.mode = mode
        ignoreIndex = try ctx.optionalInt("ignore_index")
    }

    /// The loss of log-probabilities `logProb` (shape `shape`: N, C, d...) for `target`, in
    /// `dtype`.
    func loss(logProb: [Double], shape: [Int], target: Tensor, weight: Tensor?, dtype: DType) throws -> Tensor {
        guard shape.count >= 2 else { throw OpError("input must have rank 2 or more, got shape \(shape)") }
        let n = shape[0], c = shape[1]
        let targetShape = [n] + shape[2...]
        guard target.shape == targetShape, let labels = target.ints, target.dtype == .int64 || target.dtype == .int32 else {
            throw OpError("target must be an int32/int64 tensor of shape \(targetShape), got \(target.dtype) \(target.shape)")
        }
        var weights: [Double]?
        if let weight {
            guard weight.shape == [c], weight.dtype.isFloatingPoint, let w = weight.doubles else {
                throw OpError("weight must be a float tensor of shape [\(c)], got \(weight.dtype) \(weight.shape)")
            }
            weights = w
        }
        let inner = Shape.count(Array(shape[2...]))
        var losses = [Double](repeating: 0, count: labels.count)
        var weightSum = 0.0
        for i in 0..<labels.count {
            let label = labels[i]
            if let ignoreIndex, label == ignoreIndex { continue }
            guard label >= 0, label < c else {
                throw OpError("target value \(label) is out of range [0, \(c))")
            }
            let w = weights?[label] ?? 1
            let image = i / max(inner, 1), position = i % max(inner, 1)
            losses[i] = -logProb[(image * c + label) * inner + position] * w
            weightSum += w
        }
        let result: Tensor
        switch mode {
        case .none:
            result = Tensor(unchecked: targetShape, losses)
        case .sum:
            result = Tensor(scalar: losses.reduce(0, +))
        case .mean:
            let total = losses.reduce(0, +)
            let denominator = weights == nil && ignoreIndex == nil ? Double(losses.count) : weightSum
            result = Tensor(scalar: total / denominator)
        }
        return try TensorOps.rethrowing { try result.cast(to: dtype) }
    }
}
