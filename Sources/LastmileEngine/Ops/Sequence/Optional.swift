import LastmileTensor

/// Optional (opset 15): wraps its input in an optional. The engine has no optional value type,
/// so a full optional is its value and an empty one (no input) is not supported.
struct OptionalKernel: Kernel {
    init(_ ctx: NodeContext) throws {
        guard ctx.hasInput(0) else {
            throw OpError.unsupported("an empty Optional (no input) needs an optional value type, which the engine lacks")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        [try inputs.value(0)]
    }
}
