import LastmileTensor

/// SequenceAt (opset 11): the tensor at `position` (negative counts from the back).
struct SequenceAtKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let items = try inputs.sequence(0)
        let index = try SequenceOps.position(try inputs.tensor(1), count: items.count, inclusive: false)
        return [items[index]]
    }
}
