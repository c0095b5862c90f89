import LastmileTensor

/// SequenceErase (opset 11): the sequence without the tensor at `position` (default: the last).
struct SequenceEraseKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        var items = try inputs.sequence(0)
        var index = items.count - 1
        if let position = try inputs.optionalTensor(1) {
            index = try SequenceOps.position(position, count: items.count, inclusive: false)
        }
        guard items.indices.contains(index) else { throw OpError("cannot erase from an empty sequence") }
        items.remove(at: index)
        return [.sequence(items)]
    }
}
