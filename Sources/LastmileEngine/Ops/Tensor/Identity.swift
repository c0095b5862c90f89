import LastmileTensor

/// Identity (opsets 1-23): passes its input through unchanged, tensor or sequence; the storage is
/// shared, never copied.
struct IdentityKernel: Kernel {
    init(_ ctx: NodeContext) {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        [try inputs.value(0)]
    }
}
