import LastmileTensor

/// A comparison of two values of one type (Equal, Less ...).
protocol ComparisonFunction: Sendable {
    /// Whether bool and string operands are accepted (Equal only).
    var comparesBoolAndString: Bool { get }
    func callAsFunction<T: Comparable>(_ a: T, _ b: T) -> Bool
}

extension ComparisonFunction {
    var comparesBoolAndString: Bool { false }
}

/// A kernel comparing two broadcast inputs of the same type into a bool tensor, with opset < 7
/// broadcasting when the node asks for it. Float16 compares after an exact widening to Float.
struct ComparisonKernel<F: ComparisonFunction>: Kernel {
    let function: F
    let legacy: LegacyBroadcast?

    /// The comparison, captured where `F` is concrete so its loops are specialised (a generic
    /// kernel called through `any Kernel` runs unspecialised code).
    private let body: @Sendable (KernelInputs) throws -> [Value]

    init(_ function: F, _ ctx: NodeContext) throws {
        let legacy = try LegacyBroadcast(ctx)
        self.function = function
        self.legacy = legacy
        self.body = { inputs in try Self.evaluate(inputs, function, legacy) }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        try body(inputs)
    }

    private static func evaluate(_ inputs: KernelInputs, _ function: F, _ legacy: LegacyBroadcast?) throws -> [Value] {
        let a = try inputs.tensor(0)
        var b = try inputs.tensor(1)
        if let legacy { b = try legacy.align(b, to: a) }
        guard a.dtype == b.dtype else { throw OpError.typeMismatch(a.dtype, b.dtype) }
        let f = function
        let result: Tensor
        switch (a.storage, b.storage) {
        case (.float32(let x), .float32(let y)): result = try Elementwise.zip(x, a.shape, y, b.shape, Compare(function: f))
        case (.float64(let x), .float64(let y)): result = try Elementwise.zip(x, a.shape, y, b.shape, Compare(function: f))
        case (.float16(let x), .float16(let y)): result = try Elementwise.zip(x, a.shape, y, b.shape, HalfCompare(function: f))
        case (.int8(let x), .int8(let y)): result = try Elementwise.zip(x, a.shape, y, b.shape, Compare(function: f))
        case (.int16(let x), .int16(let y)): result = try Elementwise.zip(x, a.shape, y, b.shape, Compare(function: f))
        case (.int32(let x), .int32(let y)): result = try Elementwise.zip(x, a.shape, y, b.shape, Compare(function: f))
        case (.int64(let x), .int64(let y)): result = try Elementwise.zip(x, a.shape, y, b.shape, Compare(function: f))
        case (.uint8(let x), .uint8(let y)): result = try Elementwise.zip(x, a.shape, y, b.shape, Compare(function: f))
        case (.uint16(let x), .uint16(let y)): result = try Elementwise.zip(x, a.shape, y, b.shape, Compare(function: f))
        case (.uint32(let x), .uint32(let y)): result = try Elementwise.zip(x, a.shape, y, b.shape, Compare(function: f))
        case (.uint64(let x), .uint64(let y)): result = try Elementwise.zip(x, a.shape, y, b.shape, Compare(function: f))
        case (.bool(let x), .bool(let y)) where f.comparesBoolAndString:
            result = try Elementwise.zip(x, a.shape, y, b.shape, Equality())
        case (.string(let x), .string(let y)) where f.comparesBoolAndString:
            result = try Elementwise.zip(x, a.shape, y, b.shape, Equality())
        default:
            throw OpError.unsupportedType(a.dtype, expected: f.comparesBoolAndString ? "a numeric, bool or string type" : "a numeric type")
        }
        return [.tensor(result)]
    }
}

private struct Compare<F: ComparisonFunction, T: Comparable>: ElementPairOperation {
    let function: F
    @inline(__always) func callAsFunction(_ a: T, _ b: T) -> Bool { function(a, b) }
}

private struct HalfCompare<F: ComparisonFunction>: ElementPairOperation {
    let function: F
    @inline(__always) func callAsFunction(_ a: Float16, _ b: Float16) -> Bool { function(FastMath.float(a), FastMath.float(b)) }
}

private struct Equality<T: Equatable>: ElementPairOperation {
    @inline(__always) func callAsFunction(_ a: T, _ b: T) -> Bool { a == b }
}
