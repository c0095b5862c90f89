import LastmileTensor

/// Size (opsets 1-23): the input's element count as an int64 scalar.
struct SizeKernel: Kernel {
    init(_ ctx: NodeContext) {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        [.tensor(Tensor(scalar: Int64(try inputs.tensor(0).count)))]
    }
}
