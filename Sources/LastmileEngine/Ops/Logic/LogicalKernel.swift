import LastmileTensor

/// A kernel applying a bool operation (And, Or, Xor) to two broadcast bool inputs, with
/// opset < 7 broadcasting when the node asks for it.
struct LogicalKernel<Op: ElementPairOperation & Sendable>: Kernel where Op.Left == Bool, Op.Right == Bool, Op.Output == Bool {
    let operation: Op
    let legacy: LegacyBroadcast?

    /// The operation, captured where `Op` is concrete so its loops are specialised.
    private let body: @Sendable (KernelInputs) throws -> [Value]

    init(_ operation: Op, _ ctx: NodeContext) throws {
        let legacy = try LegacyBroadcast(ctx)
        self.operation = operation
        self.legacy = legacy
        self.body = { inputs in try Self.evaluate(inputs, operation, legacy) }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        try body(inputs)
    }

    private static func evaluate(_ inputs: KernelInputs, _ operation: Op, _ legacy: LegacyBroadcast?) throws -> [Value] {
        let a = try inputs.tensor(0)
        var b = try inputs.tensor(1)
        if let legacy { b = try legacy.align(b, to: a) }
        guard let x = a.elements(Bool.self) else { throw OpError.unsupportedType(a.dtype, input: 0, expected: "bool") }
        guard let y = b.elements(Bool.self) else { throw OpError.unsupportedType(b.dtype, input: 1, expected: "bool") }
        return [.tensor(try Elementwise.zip(x, a.shape, y, b.shape, operation))]
    }
}
