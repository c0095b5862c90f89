import LastmileTensor

/// CastLike (opsets 15-23): converts input 0 to the element type of input 1.
struct CastLikeKernel: Kernel {
    init(_ ctx: NodeContext) {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let input = try inputs.tensor(0)
        let target = try inputs.tensor(1).dtype
        return [.tensor(try TensorOps.rethrowing { try input.cast(to: target) })]
    }
}
