import LastmileTensor

/// Expand (opsets 8-13): broadcasts the input against the shape given by input 1 (numpy rules in
/// both directions, so a 1 in the shape keeps the input's dimension).
struct ExpandKernel: Kernel {
    init(_ ctx: NodeContext) {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let requested = try TensorOps.integers(try inputs.tensor(1), "the shape input")
        guard requested.allSatisfy({ $0 >= 0 }) else { throw OpError("shape \(requested) has a negative dimension") }
        let shape = try TensorOps.rethrowing { try Shape.broadcast(data.shape, requested) }
        if shape == data.shape { return [.tensor(data)] }
        _ = try TensorOps.elementCount(shape)
        let copy = TensorOps.StridedCopy(shape: shape, strides: Shape.broadcastStrides(data.shape, to: shape), offset: 0)
        return [.tensor(try TensorOps.map(data, to: shape, copy))]
    }
}
