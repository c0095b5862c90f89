import LastmileTensor

/// ConstantOfShape (opsets 9-23): a tensor of the shape given by input 0 (a 1-D integer tensor;
/// empty means a scalar) filled with the one-element `value` attribute (float32 0 by default).
struct ConstantOfShapeKernel: Kernel {
    let value: Tensor

    init(_ ctx: NodeContext) throws {
        if let value = try ctx.optionalTensor("value") {
            guard value.count == 1 else {
                throw OpError("attribute \"value\" must hold one element, got shape \(value.shape)")
            }
            self.value = value
        } else {
            self.value = Tensor(scalar: Float(0))
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let input = try inputs.tensor(0)
        guard input.rank <= 1 else { throw OpError("the shape input must be 1-D, got shape \(input.shape)") }
        let shape = try TensorOps.integers(input, "the shape input")
        let count = try TensorOps.elementCount(shape)
        return [.tensor(try TensorOps.map(value, to: shape, TensorOps.Fill(count: count)))]
    }
}
