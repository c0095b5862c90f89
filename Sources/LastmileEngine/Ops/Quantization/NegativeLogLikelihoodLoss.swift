import LastmileTensor

/// NegativeLogLikelihoodLoss (opsets 12, 13, 22): `loss = -input[n, target[n, d...], d...] *
/// weight[target]` for input (N, C, d...) of log-probabilities, with `ignore_index` and
/// reduction none, sum or mean (divided by the sum of the weights used).
struct NegativeLogLikelihoodLossKernel: Kernel {
    let reduction: LossReduction

    init(_ ctx: NodeContext) throws {
        reduction = try LossReduction(ctx)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let input = try inputs.tensor(0)
        guard input.dtype.isFloatingPoint, let values = input.doubles else {
            throw OpError("input must be a float tensor, got \(input.dtype)")
        }
        let loss = try reduction.loss(
            logProb: values, shape: input.shape, target: inputs.tensor(1), weight: inputs.optionalTensor(2), dtype: input.dtype)
        return [.tensor(loss)]
    }
}
