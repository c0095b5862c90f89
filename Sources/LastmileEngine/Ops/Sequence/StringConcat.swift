import LastmileTensor

/// StringConcat (opset 20): `X + Y` element-wise for string tensors, with numpy broadcasting.
struct StringConcatKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let y = try inputs.tensor(1)
        let shape = try Shape.broadcast(x.shape, y.shape)
        guard let left = try x.broadcast(to: shape).elements(String.self),
              let right = try y.broadcast(to: shape).elements(String.self) else {
            throw OpError("inputs must be string tensors, got \(x.dtype) and \(y.dtype)")
        }
        return [.tensor(Tensor(unchecked: shape, zip(left, right).map { $0 + $1 }))]
    }
}
