import LastmileTensor

/// OptionalGetElement (opsets 15, 18): the value an optional holds; a plain tensor or sequence
/// (opset 18) is returned as is. An omitted input is an empty optional, which is an error.
struct OptionalGetElementKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        guard inputs.has(0) else { throw OpError("the optional input is empty") }
        return [try inputs.value(0)]
    }
}
