import LastmileTensor

/// Shared machinery of the Tensor op family: typed dispatch over storage and the validation of
/// shape-like inputs (axes, shapes, element counts).
enum TensorOps {
    /// The most elements an op may create; larger outputs are refused rather than attempted.
    static let maxElements = 1 << 32

    /// A computation over the elements of one tensor, written once for every element type.
    protocol ElementVisitor {
        associatedtype Result
        func visit<T: TensorElement>(_ values: [T]) throws -> Result
    }

    /// A computation over the elements of a numeric tensor, with overflow-free arithmetic.
    protocol NumericVisitor {
        associatedtype Result
        func visit<T: Arithmetic>(_ values: [T]) throws -> Result
    }

    /// Numeric elements with arithmetic that cannot trap: integers wrap like C, floats follow IEEE.
    protocol Arithmetic: NumericElement {
        static func wrappingAdd(_ a: Self, _ b: Self) -> Self
        static func wrappingMultiply(_ a: Self, _ b: Self) -> Self
    }

    /// Calls `visitor` with the elements of `storage` at their concrete type.
    static func visit<V: ElementVisitor>(_ storage: TensorStorage, _ visitor: V) throws -> V.Result {
        switch storage {
        case .float32(let a): try visitor.visit(a)
        case .float64(let a): try visitor.visit(a)
        case .float16(let a): try visitor.visit(a)
        case .int8(let a): try visitor.visit(a)
        case .int16(let a): try visitor.visit(a)
        case .int32(let a): try visitor.visit(a)
        case .int64(let a): try visitor.visit(a)
        case .uint8(let a): try visitor.visit(a)
        case .uint16(let a): try visitor.visit(a)
        case .uint32(let a): try visitor.visit(a)
        case .uint64(let a): try visitor.visit(a)
        case .bool(let a): try visitor.visit(a)
        case .string(let a): try visitor.visit(a)
        }
    }

    /// Calls `visitor` with the elements of a numeric `storage`; bool and string throw, naming `what`.
    static func visitNumeric<V: NumericVisitor>(_ storage: TensorStorage, _ visitor: V, _ what: String) throws -> V.Result {
        switch storage {
        case .float32(let a): return try visitor.visit(a)
        case .float64(let a): return try visitor.visit(a)
        case .float16(let a): return try visitor.visit(a)
        case .int8(let a): return try visitor.visit(a)
        case .int16(let a): return try visitor.visit(a)
        case .int32(let a): return try visitor.visit(a)
        case .int64(let a): return try visitor.visit(a)
        case .uint8(let a): return try visitor.visit(a)
        case .uint16(let a): return try visitor.visit(a)
        case .uint32(let a): return try visitor.visit(a)
        case .uint64(let a): return try visitor.visit(a)
        case .bool, .string: throw OpError("\(what) must be numeric, got \(storage.dtype)")
        }
    }

    /// A tensor of `shape` whose storage is `visitor`'s result on `tensor`'s elements.
    static func map<V: ElementVisitor>(_ tensor: Tensor, to shape: [Int], _ visitor: V) throws -> Tensor
    where V.Result == TensorStorage {
        try Tensor(shape: shape, storage: visit(tensor.storage, visitor))
    }

    // MARK: - Validation

    /// The elements of an integer tensor (a shape, axes, indices), or an error naming `what`.
    static func integers(_ tensor: Tensor, _ what: String) throws -> [Int] {
        guard let values = tensor.ints else {
            throw OpError("\(what) must be an integer tensor, got \(tensor.dtype)")
        }
        return values
    }

    /// The single element of a one-element integer tensor, or an error naming `what`.
    static func integerScalar(_ tensor: Tensor, _ what: String) throws -> Int {
        let values = try integers(tensor, what)
        guard values.count == 1, let value = values.first else {
            throw OpError("\(what) must have one element, got shape \(tensor.shape)")
        }
        return value
    }

    /// `axis` made non-negative for a tensor of `rank`; accepts [-rank, rank - 1].
    static func axis(_ axis: Int, rank: Int, _ what: String = "axis") throws -> Int {
        let normalized = axis < 0 ? axis &+ rank : axis
        guard normalized >= 0, normalized < rank else {
            throw OpError("\(what) \(axis) is out of range for rank \(rank)")
        }
        return normalized
    }

    /// Each of `axes` made non-negative for `rank`; duplicates are an error.
    static func axes(_ axes: [Int], rank: Int, _ what: String = "axes") throws -> [Int] {
        var seen = [Bool](repeating: false, count: rank)
        return try axes.map { raw in
            let a = try axis(raw, rank: rank, what)
            guard !seen[a] else { throw OpError("\(what) \(axes) name axis \(a) twice") }
            seen[a] = true
            return a
        }
    }

    /// The number of elements of `shape`, checking for negative dimensions and sizes too large to hold.
    static func elementCount(_ shape: [Int]) throws -> Int {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw OpError("shape \(shape) has a negative dimension") }
        if shape.contains(0) { return 0 }
        var n = 1
        for d in shape {
            let (product, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow, product <= maxElements else {
                throw OpError("shape \(shape) has more than \(maxElements) elements")
            }
            n = product
        }
        return n
    }

    /// The product of `dims` (each a dimension of a real tensor or validated shape).
    static func product(_ dims: ArraySlice<Int>) throws -> Int {
        try elementCount(Array(dims))
    }

    /// Runs `body`, turning a `TensorError` into an `OpError` with the same message.
    static func rethrowing<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as TensorError {
            throw OpError(error.message)
        }
    }
}

extension Float: TensorOps.Arithmetic {
    static func wrappingAdd(_ a: Float, _ b: Float) -> Float { a + b }
    static func wrappingMultiply(_ a: Float, _ b: Float) -> Float { a * b }
}

extension Double: TensorOps.Arithmetic {
    static func wrappingAdd(_ a: Double, _ b: Double) -> Double { a + b }
    static func wrappingMultiply(_ a: Double, _ b: Double) -> Double { a * b }
}

extension Float16: TensorOps.Arithmetic {
    static func wrappingAdd(_ a: Float16, _ b: Float16) -> Float16 { a + b }
    static func wrappingMultiply(_ a: Float16, _ b: Float16) -> Float16 { a * b }
}

extension TensorOps.Arithmetic where Self: FixedWidthInteger {
    static func wrappingAdd(_ a: Self, _ b: Self) -> Self { a &+ b }
    static func wrappingMultiply(_ a: Self, _ b: Self) -> Self { a &* b }
}

extension Int8: TensorOps.Arithmetic {}
extension Int16: TensorOps.Arithmetic {}
extension Int32: TensorOps.Arithmetic {}
extension Int64: TensorOps.Arithmetic {}
extension UInt8: TensorOps.Arithmetic {}
extension UInt16: TensorOps.Arithmetic {}
extension UInt32: TensorOps.Arithmetic {}
extension UInt64: TensorOps.Arithmetic {}
