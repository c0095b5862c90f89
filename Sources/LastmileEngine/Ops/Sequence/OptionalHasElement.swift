import LastmileTensor

/// OptionalHasElement (opsets 15, 18): whether the optional input holds a value.
///
/// The engine has no optional value type: an omitted input is an empty optional and any given
/// value (a tensor or a sequence) is a full one.
struct OptionalHasElementKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        [.tensor(Tensor(scalar: inputs.has(0)))]
    }
}
