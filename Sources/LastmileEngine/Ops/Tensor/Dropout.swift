import LastmileTensor

/// Dropout (opsets 1-22) in inference mode: the output is the input and the optional mask is all
/// true (bool from opset 10, ones of the input type before).
///
/// From opset 12 a true `training_mode` input asks for random dropout, which an inference engine
/// does not do: it is refused unless the ratio is 0 (where dropout is the identity). Before
/// opset 7 the `is_test` attribute is ignored: the op always runs in test mode.
struct DropoutKernel: Kernel {
    let wantsMask: Bool
    let boolMask: Bool
    let trainingInputs: Bool

    init(_ ctx: NodeContext) {
        wantsMask = ctx.node.outputs.count > 1 && !ctx.node.outputs[1].isEmpty
        boolMask = ctx.opset >= 10
        trainingInputs = ctx.opset >= 12
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        if trainingInputs, let mode = try inputs.optionalTensor(2) {
            guard mode.count == 1, let training = mode.doubles?.first else {
                throw OpError("training_mode must be a bool scalar, got \(mode.dtype) of shape \(mode.shape)")
            }
            let ratio = try inputs.optionalTensor(1).map { ratio -> Double in
                guard ratio.count == 1, let value = ratio.doubles?.first else {
                    throw OpError("ratio must be a float scalar, got \(ratio.dtype) of shape \(ratio.shape)")
                }
                return value
            }
            if training != 0 && ratio != 0 {
                throw OpError.unsupported("training_mode = true is not supported: Lastmile runs inference only")
            }
        }
        guard wantsMask else { return [.tensor(data)] }
        let ones = try Tensor(shape: data.shape, storage: .bool([Bool](repeating: true, count: data.count)))
        let mask = boolMask ? ones : try TensorOps.rethrowing { try ones.cast(to: data.dtype) }
        return [.tensor(data), .tensor(mask)]
    }
}
