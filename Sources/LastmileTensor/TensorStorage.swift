/// The elements of a tensor in row-major order: one Swift array per element type.
///
/// Swift arrays are copy-on-write, so copying a `Tensor` is cheap and mutation copies only
/// when the storage is shared.
public enum TensorStorage: Sendable {
    case float32([Float])
    case float64([Double])
    case float16([Float16])
    case int8([Int8])
    case int16([Int16])
    case int32([Int32])
    case int64([Int64])
    case uint8([UInt8])
    case uint16([UInt16])
    case uint32([UInt32])
    case uint64([UInt64])
    case bool([Bool])
    case string([String])

    public var dtype: DType {
        switch self {
        case .float32: .float32
        case .float64: .float64
        case .float16: .float16
        case .int8: .int8
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .uint8: .uint8
        case .uint16: .uint16
        case .uint32: .uint32
        case .uint64: .uint64
        case .bool: .bool
        case .string: .string
        }
    }

    public var count: Int {
        switch self {
        case .float32(let a): a.count
        case .float64(let a): a.count
        case .float16(let a): a.count
        case .int8(let a): a.count
        case .int16(let a): a.count
        case .int32(let a): a.count
        case .int64(let a): a.count
        case .uint8(let a): a.count
        case .uint16(let a): a.count
        case .uint32(let a): a.count
        case .uint64(let a): a.count
        case .bool(let a): a.count
        case .string(let a): a.count
        }
    }

    /// Storage of `count` zero elements (false, empty strings) of a type.
    public static func zeros(_ dtype: DType, count: Int) -> TensorStorage {
        switch dtype {
        case .float32: .float32(Array(repeating: 0, count: count))
        case .float64: .float64(Array(repeating: 0, count: count))
        case .float16: .float16(Array(repeating: 0, count: count))
        case .int8: .int8(Array(repeating: 0, count: count))
        case .int16: .int16(Array(repeating: 0, count: count))
        case .int32: .int32(Array(repeating: 0, count: count))
        case .int64: .int64(Array(repeating: 0, count: count))
        case .uint8: .uint8(Array(repeating: 0, count: count))
        case .uint16: .uint16(Array(repeating: 0, count: count))
        case .uint32: .uint32(Array(repeating: 0, count: count))
        case .uint64: .uint64(Array(repeating: 0, count: count))
        case .bool: .bool(Array(repeating: false, count: count))
        case .string: .string(Array(repeating: "", count: count))
        }
    }

    /// Applies a type-preserving transform to the elements, whatever their type.
    @inlinable
    public func transformed(_ body: some ElementTransform) throws -> TensorStorage {
        switch self {
        case .float32(let a): .float32(try body.apply(a))
        case .float64(let a): .float64(try body.apply(a))
        case .float16(let a): .float16(try body.apply(a))
        case .int8(let a): .int8(try body.apply(a))
        case .int16(let a): .int16(try body.apply(a))
        case .int32(let a): .int32(try body.apply(a))
        case .int64(let a): .int64(try body.apply(a))
        case .uint8(let a): .uint8(try body.apply(a))
        case .uint16(let a): .uint16(try body.apply(a))
        case .uint32(let a): .uint32(try body.apply(a))
        case .uint64(let a): .uint64(try body.apply(a))
        case .bool(let a): .bool(try body.apply(a))
        case .string(let a): .string(try body.apply(a))
        }
    }
}

/// A transform of an array of elements into an array of the same type, for any element type.
///
/// Used to write layout operations (gather, transpose, slice, concat) once for all types.
public protocol ElementTransform {
    func apply<T: TensorElement>(_ values: [T]) throws -> [T]
}
