/// A row-major n-dimensional array of one element type, with copy-on-write storage.
public struct Tensor: Sendable, CustomStringConvertible {
    /// Dimension sizes, outermost first; `[]` is a scalar.
    public private(set) var shape: [Int]
    /// The elements in row-major order.
    public private(set) var storage: TensorStorage

    /// Creates a tensor, checking that the storage holds exactly as many elements as the shape.
    public init(shape: [Int], storage: TensorStorage) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError(.shapeMismatch, "shape \(shape) has a negative dimension")
        }
        let expected = Shape.count(shape)
        guard expected == storage.count else {
            throw TensorError(.shapeMismatch, "shape \(shape) needs \(expected) elements, got \(storage.count)")
        }
        self.shape = shape
        self.storage = storage
    }

    /// Creates a tensor whose element count the caller guarantees matches the shape.
    @usableFromInline
    init(uncheckedShape shape: [Int], storage: TensorStorage) {
        self.shape = shape
        self.storage = storage
    }

    /// Creates a tensor from typed elements.
    public init<T: TensorElement>(shape: [Int], elements: [T]) throws {
        try self.init(shape: shape, storage: T.storage(elements))
    }

    /// Creates a tensor from typed elements whose count the caller guarantees matches the shape.
    @inlinable
    public init<T: TensorElement>(unchecked shape: [Int], _ elements: [T]) {
        assert(Shape.count(shape) == elements.count)
        self.init(uncheckedShape: shape, storage: T.storage(elements))
    }

    /// A rank-0 tensor holding one value.
    public init<T: TensorElement>(scalar: T) {
        self.init(uncheckedShape: [], storage: T.storage([scalar]))
    }

    /// A tensor of zeros (false, empty strings).
    public static func zeros(_ dtype: DType, shape: [Int]) -> Tensor {
        Tensor(uncheckedShape: shape, storage: .zeros(dtype, count: Shape.count(shape)))
    }

    public var dtype: DType { storage.dtype }
    public var rank: Int { shape.count }
    public var count: Int { storage.count }
    public var isScalar: Bool { shape.isEmpty }

    /// The elements as an array of `T`, or nil when the tensor holds another type.
    @inlinable
    public func elements<T: TensorElement>(_ type: T.Type = T.self) -> [T]? {
        T.elements(of: storage)
    }

    /// The same elements under another shape with the same element count.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        guard Shape.count(newShape) == count, newShape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError(.shapeMismatch, "cannot reshape \(shape) (\(count) elements) to \(newShape)")
        }
        return Tensor(uncheckedShape: newShape, storage: storage)
    }

    /// The same storage under a new shape; the caller guarantees the element count matches.
    @inlinable
    public func reshaped(unchecked newShape: [Int]) -> Tensor {
        Tensor(uncheckedShape: newShape, storage: storage)
    }

    /// A tensor with the same shape and new storage of any type and the same count.
    @inlinable
    public func with(storage newStorage: TensorStorage) -> Tensor {
        assert(newStorage.count == count)
        return Tensor(uncheckedShape: shape, storage: newStorage)
    }

    /// The elements converted to Double, for integer and floating-point tensors (nil otherwise).
    public var doubles: [Double]? {
        switch storage {
        case .float32(let a): a.map { Double($0) }
        case .float64(let a): a
        case .float16(let a): a.map { Double($0) }
        case .int8(let a): a.map { Double($0) }
        case .int16(let a): a.map { Double($0) }
        case .int32(let a): a.map { Double($0) }
        case .int64(let a): a.map { Double($0) }
        case .uint8(let a): a.map { Double($0) }
        case .uint16(let a): a.map { Double($0) }
        case .uint32(let a): a.map { Double($0) }
        case .uint64(let a): a.map { Double($0) }
        case .bool(let a): a.map { $0 ? 1 : 0 }
        case .string: nil
        }
    }

    /// The elements of an integer tensor as Int (for shapes, axes, indices), nil otherwise.
    public var ints: [Int]? {
        switch storage {
        case .int64(let a): a.map { Int($0) }
        case .int32(let a): a.map { Int($0) }
        case .int8(let a): a.map { Int($0) }
        case .int16(let a): a.map { Int($0) }
        case .uint8(let a): a.map { Int($0) }
        case .uint16(let a): a.map { Int($0) }
        case .uint32(let a): a.map { Int($0) }
        case .uint64(let a): a.map { Int(truncatingIfNeeded: $0) }
        default: nil
        }
    }

    public var description: String { "Tensor<\(dtype)>\(shape)" }
}

extension Tensor: Equatable {
    /// Exact equality of type, shape and elements (NaN is unequal to NaN, as in IEEE).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape else { return false }
        switch (lhs.storage, rhs.storage) {
        case (.float32(let a), .float32(let b)): return a == b
        case (.float64(let a), .float64(let b)): return a == b
        case (.float16(let a), .float16(let b)): return a == b
        case (.int8(let a), .int8(let b)): return a == b
        case (.int16(let a), .int16(let b)): return a == b
        case (.int32(let a), .int32(let b)): return a == b
        case (.int64(let a), .int64(let b)): return a == b
        case (.uint8(let a), .uint8(let b)): return a == b
        case (.uint16(let a), .uint16(let b)): return a == b
        case (.uint32(let a), .uint32(let b)): return a == b
        case (.uint64(let a), .uint64(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        default: return false
        }
    }
}

extension Tensor {
    /// Runs `body` on the float32 elements in place, copying them first only when another
    /// tensor shares them; returns false (and does nothing) for other element types.
    @discardableResult
    public mutating func mutateFloat32(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) -> Bool {
        guard case .float32(var elements) = storage else { return false }
        storage = .float32([])  // drop this tensor's reference so `elements` is unique
        elements.withUnsafeMutableBufferPointer { body($0) }
        storage = .float32(elements)
        return true
    }
}

extension Tensor {
    /// Hands the element buffer to `pool` (which keeps it only when no other tensor shares it)
    /// and leaves this tensor empty, with shape `[0]`.
    package mutating func recycleStorage(into pool: BufferPool) {
        shape = [0]
        switch storage {
        case .float32: Self.recycle(&storage, Float.self, into: pool)
        case .float64: Self.recycle(&storage, Double.self, into: pool)
        case .float16: Self.recycle(&storage, Float16.self, into: pool)
        case .int8: Self.recycle(&storage, Int8.self, into: pool)
        case .int16: Self.recycle(&storage, Int16.self, into: pool)
        case .int32: Self.recycle(&storage, Int32.self, into: pool)
        case .int64: Self.recycle(&storage, Int64.self, into: pool)
        case .uint8: Self.recycle(&storage, UInt8.self, into: pool)
        case .uint16: Self.recycle(&storage, UInt16.self, into: pool)
        case .uint32: Self.recycle(&storage, UInt32.self, into: pool)
        case .uint64: Self.recycle(&storage, UInt64.self, into: pool)
        case .bool: Self.recycle(&storage, Bool.self, into: pool)
        case .string: storage = .string([])
        }
    }

    private static func recycle<T: TensorElement>(_ storage: inout TensorStorage, _: T.Type, into pool: BufferPool) {
        guard var elements = T.elements(of: storage) else { return }
        storage = T.storage([])  // drop the storage's reference so `elements` can be unique
        pool.recycle(&elements)
    }
}
