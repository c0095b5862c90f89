import LastmileTensor

/// SequenceInsert (opset 11): the sequence with `tensor` inserted at `position` (default: the
/// end; negative counts from the back).
struct SequenceInsertKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        var items = try inputs.sequence(0)
        let tensor = try inputs.tensor(1)
        if let dtype = items.first?.tensor?.dtype, dtype != tensor.dtype {
            throw OpError("cannot insert a \(tensor.dtype) tensor into a sequence of \(dtype) tensors")
        }
        var index = items.count
        if let position = try inputs.optionalTensor(2) {
            index = try SequenceOps.position(position, count: items.count, inclusive: true)
        }
        items.insert(.tensor(tensor), at: index)
        return [.sequence(items)]
    }
}
