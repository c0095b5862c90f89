import LastmileTensor

/// The numeric element types an elementwise op accepts.
struct NumericTypes: Sendable {
    enum Integers: Sendable { case none, signed, all }

    var floats: Bool
    var integers: Integers

    static let floatsOnly = NumericTypes(floats: true, integers: .none)
    static let signed = NumericTypes(floats: true, integers: .signed)
    static let all = NumericTypes(floats: true, integers: .all)
    static let integersOnly = NumericTypes(floats: false, integers: .all)

    func accepts(_ dtype: DType) -> Bool {
        if dtype.isFloatingPoint { return floats }
        switch integers {
        case .none: return false
        case .signed: return dtype.isSignedInteger
        case .all: return dtype.isInteger
        }
    }

    /// The accepted types, for messages.
    var description: String {
        switch (floats, integers) {
        case (true, .none): "float16, float32 or float64"
        case (true, .signed): "float16, float32, float64 or a signed integer type"
        case (true, .all): "a numeric type"
        case (false, _): "an integer type"
        }
    }

    /// Throws unless `dtype` is accepted.
    func check(_ dtype: DType, input: Int = 0) throws {
        guard accepts(dtype) else { throw OpError.unsupportedType(dtype, input: input, expected: description) }
    }
}

extension OpError {
    /// An input whose element type the op does not take.
    static func unsupportedType(_ dtype: DType, input: Int = 0, expected: String) -> OpError {
        OpError("input \(input) has type \(dtype.onnxName), expected \(expected)")
    }

    /// Two inputs that must share an element type but do not.
    static func typeMismatch(_ a: DType, _ b: DType, inputs: (Int, Int) = (0, 1)) -> OpError {
        OpError("inputs \(inputs.0) and \(inputs.1) have different types (\(a.onnxName) and \(b.onnxName)); they must match")
    }
}

// MARK: - Unary

/// An elementwise function of one value that keeps the element type (Sqrt, Abs, Relu ...).
///
/// `float32(_:)` is the float32 (and float16) evaluation, which functions with a vectorising
/// approximation override; float64 uses the generic one.
protocol UnaryFunction: Sendable {
    var types: NumericTypes { get }
    func callAsFunction<T: FloatElement>(_ x: T) -> T
    func float32(_ x: Float) -> Float
    func integer<T: IntegerElement>(_ x: T) -> T
}

extension UnaryFunction {
    var types: NumericTypes { .floatsOnly }

    func callAsFunction<T: FloatElement>(_ x: T) -> T { x }

    @inline(__always) func float32(_ x: Float) -> Float { self(x) }

    func integer<T: IntegerElement>(_ x: T) -> T { x }

    /// The function applied to every element of `x`.
    func apply(_ x: Tensor) throws -> Tensor {
        try types.check(x.dtype)
        let storage: TensorStorage
        switch x.storage {
        case .float32(let a): storage = .float32(Elementwise.map(a, Float32Operation(function: self)))
        case .float64(let a): storage = .float64(Elementwise.map(a, FloatOperation<Self, Double>(function: self)))
        case .float16(let a): storage = .float16(Elementwise.map(a, HalfOperation(function: self)))
        case .int8(let a): storage = .int8(Elementwise.map(a, IntegerOperation<Self, Int8>(function: self)))
        case .int16(let a): storage = .int16(Elementwise.map(a, IntegerOperation<Self, Int16>(function: self)))
        case .int32(let a): storage = .int32(Elementwise.map(a, IntegerOperation<Self, Int32>(function: self)))
        case .int64(let a): storage = .int64(Elementwise.map(a, IntegerOperation<Self, Int64>(function: self)))
        case .uint8(let a): storage = .uint8(Elementwise.map(a, IntegerOperation<Self, UInt8>(function: self)))
        case .uint16(let a): storage = .uint16(Elementwise.map(a, IntegerOperation<Self, UInt16>(function: self)))
        case .uint32(let a): storage = .uint32(Elementwise.map(a, IntegerOperation<Self, UInt32>(function: self)))
        case .uint64(let a): storage = .uint64(Elementwise.map(a, IntegerOperation<Self, UInt64>(function: self)))
        case .bool, .string: throw OpError.unsupportedType(x.dtype, expected: types.description)
        }
        return x.with(storage: storage)
    }
}

private struct Float32Operation<F: UnaryFunction>: ElementOperation {
    let function: F
    @inline(__always) func callAsFunction(_ x: Float) -> Float { function.float32(x) }
}

private struct FloatOperation<F: UnaryFunction, T: FloatElement>: ElementOperation {
    let function: F
    @inline(__always) func callAsFunction(_ x: T) -> T { function(x) }
}

private struct HalfOperation<F: UnaryFunction>: ElementOperation {
    let function: F
    @inline(__always) func callAsFunction(_ x: Float16) -> Float16 { FastMath.half(function.float32(FastMath.float(x))) }
}

private struct IntegerOperation<F: UnaryFunction, T: IntegerElement>: ElementOperation {
    let function: F
    @inline(__always) func callAsFunction(_ x: T) -> T { function.integer(x) }
}

/// A kernel applying a `UnaryFunction` to its one input.
struct UnaryKernel<F: UnaryFunction>: Kernel {
    /// `function.apply`, captured here where `F` is concrete: a generic kernel called through
    /// `any Kernel` runs unspecialised code (a witness call per element), while this closure is
    /// specialised with `init` for each function.
    private let apply: @Sendable (Tensor) throws -> Tensor

    init(_ function: F) {
        apply = { try function.apply($0) }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        [.tensor(try apply(inputs.tensor(0)))]
    }
}

// MARK: - Binary

/// An elementwise function of two values of one element type (Add, Max, Mod ...).
///
/// Float16 is computed in Float and rounded back.
protocol BinaryFunction: Sendable {
    var types: NumericTypes { get }
    func callAsFunction<T: FloatElement>(_ a: T, _ b: T) -> T
    /// The float32 (and float16) evaluation; defaults to the generic one.
    func float32(_ a: Float, _ b: Float) -> Float
    func integer<T: IntegerElement>(_ a: T, _ b: T) -> T
}

extension BinaryFunction {
    var types: NumericTypes { .all }

    func callAsFunction<T: FloatElement>(_ a: T, _ b: T) -> T { a }

    @inline(__always) func float32(_ a: Float, _ b: Float) -> Float { self(a, b) }

    func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a }

    /// The function applied to `a` and `b` broadcast numpy-style.
    func apply(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.dtype == b.dtype else { throw OpError.typeMismatch(a.dtype, b.dtype) }
        try types.check(a.dtype)
        switch (a.storage, b.storage) {
        case (.float32(let x), .float32(let y)): return try zip(x, a, y, b, Float32PairOperation(function: self))
        case (.float64(let x), .float64(let y)): return try zip(x, a, y, b, FloatPairOperation<Self, Double>(function: self))
        case (.float16(let x), .float16(let y)): return try zip(x, a, y, b, HalfPairOperation(function: self))
        case (.int8(let x), .int8(let y)): return try zip(x, a, y, b, IntegerPairOperation<Self, Int8>(function: self))
        case (.int16(let x), .int16(let y)): return try zip(x, a, y, b, IntegerPairOperation<Self, Int16>(function: self))
        case (.int32(let x), .int32(let y)): return try zip(x, a, y, b, IntegerPairOperation<Self, Int32>(function: self))
        case (.int64(let x), .int64(let y)): return try zip(x, a, y, b, IntegerPairOperation<Self, Int64>(function: self))
        case (.uint8(let x), .uint8(let y)): return try zip(x, a, y, b, IntegerPairOperation<Self, UInt8>(function: self))
        case (.uint16(let x), .uint16(let y)): return try zip(x, a, y, b, IntegerPairOperation<Self, UInt16>(function: self))
        case (.uint32(let x), .uint32(let y)): return try zip(x, a, y, b, IntegerPairOperation<Self, UInt32>(function: self))
        case (.uint64(let x), .uint64(let y)): return try zip(x, a, y, b, IntegerPairOperation<Self, UInt64>(function: self))
        default: throw OpError.unsupportedType(a.dtype, expected: types.description)
        }
    }

    private func zip<Op: ElementPairOperation>(_ x: [Op.Left], _ a: Tensor, _ y: [Op.Right], _ b: Tensor, _ op: Op) throws -> Tensor {
        try Elementwise.zip(x, a.shape, y, b.shape, op)
    }
}

private struct Float32PairOperation<F: BinaryFunction>: ElementPairOperation {
    let function: F
    @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { function.float32(a, b) }
}

private struct FloatPairOperation<F: BinaryFunction, T: FloatElement>: ElementPairOperation {
    let function: F
    @inline(__always) func callAsFunction(_ a: T, _ b: T) -> T { function(a, b) }
}

private struct HalfPairOperation<F: BinaryFunction>: ElementPairOperation {
    let function: F
    @inline(__always)
    func callAsFunction(_ a: Float16, _ b: Float16) -> Float16 {
        FastMath.half(function.float32(FastMath.float(a), FastMath.float(b)))
    }
}

private struct IntegerPairOperation<F: BinaryFunction, T: IntegerElement>: ElementPairOperation {
    let function: F
    @inline(__always) func callAsFunction(_ a: T, _ b: T) -> T { function.integer(a, b) }
}

/// A kernel applying a `BinaryFunction` to its two inputs, with opset < 7 broadcasting when
/// the node asks for it.
struct BinaryKernel<F: BinaryFunction>: Kernel {
    /// `function.apply`, captured where `F` is concrete so it is specialised (see UnaryKernel).
    private let apply: @Sendable (Tensor, Tensor) throws -> Tensor
    let legacy: LegacyBroadcast?

    init(_ function: F, _ ctx: NodeContext) throws {
        self.apply = { try function.apply($0, $1) }
        self.legacy = try LegacyBroadcast(ctx)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let a = try inputs.tensor(0)
        var b = try inputs.tensor(1)
        if let legacy { b = try legacy.align(b, to: a) }
        return [.tensor(try apply(a, b))]
    }
}

// MARK: - Variadic

/// A kernel folding a `BinaryFunction` over one or more broadcast inputs (Sum, Min, Max);
/// `mean` divides the sum by the input count.
struct VariadicKernel<F: BinaryFunction>: Kernel {
    let function: F
    let mean: Bool

    /// The fold, captured where `F` is concrete so its loops are specialised.
    private let body: @Sendable (KernelInputs) throws -> [Value]

    init(_ function: F, mean: Bool = false) {
        self.function = function
        self.mean = mean
        self.body = { inputs in try Self.evaluate(inputs, function, mean) }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        try body(inputs)
    }

    private static func evaluate(_ inputs: KernelInputs, _ function: F, _ mean: Bool) throws -> [Value] {
        var operands: [Tensor] = []
        for index in 0..<inputs.count {
            if let tensor = try inputs.optionalTensor(index) { operands.append(tensor) }
        }
        guard let first = operands.first else { throw OpError("needs at least one input") }
        try function.types.check(first.dtype)
        // float16 accumulates in float32 and rounds once at the end.
        let wide = first.dtype == .float16
        var result = wide ? try first.cast(to: .float32) : first
        for (index, operand) in operands.enumerated().dropFirst() {
            guard operand.dtype == first.dtype else {
                throw OpError.typeMismatch(first.dtype, operand.dtype, inputs: (0, index))
            }
            result = try function.apply(result, wide ? try operand.cast(to: .float32) : operand)
        }
        if mean && operands.count > 1 {
            result = try DivFunction().apply(result, Tensor(scalar: Float(operands.count)).cast(to: result.dtype))
        }
        return [.tensor(wide ? try result.cast(to: .float16) : result)]
    }
}

// MARK: - Opset < 7 broadcasting

/// The `broadcast` and `axis` attributes of binary ops before opset 7: B may have the shape of
/// a contiguous run of A's axes starting at `axis` (suffix-aligned when `axis` is absent).
///
/// Suffix alignment is numpy's, so only an explicit `axis` needs reshaping B.
struct LegacyBroadcast: Sendable {
    let axis: Int

    /// The node's legacy broadcast, or nil when none applies (opset >= 7 or no `axis`).
    init?(_ ctx: NodeContext) throws {
        guard ctx.opset < 7, try ctx.int("broadcast", default: 0) != 0,
              let axis = try ctx.optionalInt("axis") else { return nil }
        self.axis = axis
    }

    /// `b` reshaped so that numpy broadcasting aligns it with `a` at `axis`.
    func align(_ b: Tensor, to a: Tensor) throws -> Tensor {
        let start = axis < 0 ? axis + a.rank : axis
        guard start >= 0, start + b.rank <= a.rank else {
            throw OpError("broadcast axis \(axis) does not fit input 1 of shape \(b.shape) into input 0 of shape \(a.shape)")
        }
        let shape = [Int](repeating: 1, count: start) + b.shape + [Int](repeating: 1, count: a.rank - start - b.rank)
        return b.reshaped(unchecked: shape)
    }
}
