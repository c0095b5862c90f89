import LastmileTensor

/// SequenceLength (opset 11): the number of tensors in the sequence, as an int64 scalar.
struct SequenceLengthKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        [.tensor(Tensor(scalar: Int64(try inputs.sequence(0).count)))]
    }
}
