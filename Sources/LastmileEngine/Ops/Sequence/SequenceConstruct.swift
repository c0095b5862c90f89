import LastmileTensor

/// SequenceConstruct (opset 11): a sequence of the input tensors, which share one type.
struct SequenceConstructKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let tensors = try (0..<inputs.count).map { try inputs.tensor($0) }
        if let first = tensors.first, let other = tensors.first(where: { $0.dtype != first.dtype }) {
            throw OpError("inputs mix \(first.dtype) and \(other.dtype) tensors")
        }
        return [.sequence(tensors.map(Value.tensor))]
    }
}
