import LastmileTensor

/// ConcatFromSequence (opset 11): concatenates the sequence's tensors along `axis`, or stacks
/// them along a new axis at `axis` when `new_axis` is 1.
struct ConcatFromSequenceKernel: Kernel {
    let axis: Int
    let newAxis: Bool

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis")
        newAxis = try ctx.int("new_axis", default: 0) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let tensors = try inputs.sequence(0).map { value -> Tensor in
            guard let tensor = value.tensor else { throw OpError("the sequence holds a \(value.typeDescription), expected tensors") }
            return tensor
        }
        guard let first = tensors.first else { throw OpError("cannot concatenate an empty sequence") }
        var parts = tensors
        var a = axis
        if newAxis {
            a = try TensorOps.axis(axis, rank: first.rank + 1)
            parts = tensors.map { tensor in
                var shape = tensor.shape
                shape.insert(1, at: Swift.min(a, shape.count))
                return tensor.reshaped(unchecked: shape)
            }
        }
        let node = Node(
            name: "ConcatFromSequence", opType: "Concat", domain: Domain.onnx,
            inputs: parts.indices.map { "part\($0)" }, outputs: ["concat"], attributes: ["axis": .int(a)])
        let concat = try ConcatKernel(NodeContext(node: node, opset: 13))
        return try concat.run(KernelInputs(values: parts.map(Value.tensor), names: node.inputs))
    }
}
