import LastmileTensor

/// A kernel applying a bool operation (And, Or, Xor) to two broadcast bool inputs, with
/// opset < 7 broadcasting when the node asks for it.
struct LogicalKernel<Op: ElementPairOperation & Sendable>: Kernel where Op.Left == Bool, Op.Right == Bool, Op.Output == Bool {
    let operation: Op
    let legacy: LegacyBroadcast?

    init(_ operation: Op, _ ctx: NodeContext) throws {
        self.operation = operation
        self.legacy = try LegacyBroadcast(ctx)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let a = try inputs.tensor(0)
        var b = try inputs.tensor(1)
        if let legacy { b = try legacy.align(b, to: a) }
        guard let x = a.elements(Bool.self) else { throw OpError.unsupportedType(a.dtype, input: 0, expected: "bool") }
        guard let y = b.elements(Bool.self) else { throw OpError.unsupportedType(b.dtype, input: 1, expected: "bool") }
        return [.tensor(try Elementwise.zip(x, a.shape, y, b.shape, operation))]
    }
}
