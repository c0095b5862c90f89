import RealModule

/// A Swift type that can be a tensor element.
public protocol TensorElement: Sendable, Equatable {
    static var dtype: DType { get }
    /// The zero value (false, the empty string).
    static var zero: Self { get }
    /// The elements of `storage` when it holds this type, else nil.
    static func elements(of storage: TensorStorage) -> [Self]?
    /// Storage holding `elements`.
    static func storage(_ elements: [Self]) -> TensorStorage
}

/// An element type with arithmetic and ordering: the integer and floating-point types.
public protocol NumericElement: TensorElement, Numeric, Comparable {
    /// Converts from Double the way C's cast does for in-range values; NaN becomes 0 for
    /// integer types and out-of-range values saturate.
    init(lossyDouble value: Double)
    /// The value as a Double (exact for every type but the widest integers).
    var doubleValue: Double { get }
    /// Converts an integer like C: wraps into narrower integer types, rounds into floats.
    init(wrappingInt64 value: Int64)
    /// Converts an unsigned integer like C.
    init(wrappingUInt64 value: UInt64)
    static var minValue: Self { get }
    static var maxValue: Self { get }
}

/// A floating-point element type with elementary functions, for float math kernels.
///
/// Float16 is not one: kernels compute in Float and cast back, as onnxruntime does.
public protocol FloatElement: NumericElement, Real, BinaryFloatingPoint {}

extension Float: FloatElement {
    public static var dtype: DType { .float32 }
    public static func elements(of storage: TensorStorage) -> [Float]? {
        if case .float32(let a) = storage { return a }
        return nil
    }
    public static func storage(_ elements: [Float]) -> TensorStorage { .float32(elements) }
    @inlinable public init(lossyDouble value: Double) { self = Float(value) }
    @inlinable public init(wrappingInt64 value: Int64) { self = Float(value) }
    @inlinable public init(wrappingUInt64 value: UInt64) { self = Float(value) }
    @inlinable public var doubleValue: Double { Double(self) }
    public static var minValue: Float { -.infinity }
    public static var maxValue: Float { .infinity }
}

extension Double: FloatElement {
    public static var dtype: DType { .float64 }
    public static func elements(of storage: TensorStorage) -> [Double]? {
        if case .float64(let a) = storage { return a }
        return nil
    }
    public static func storage(_ elements: [Double]) -> TensorStorage { .float64(elements) }
    @inlinable public init(lossyDouble value: Double) { self = value }
    @inlinable public init(wrappingInt64 value: Int64) { self = Double(value) }
    @inlinable public init(wrappingUInt64 value: UInt64) { self = Double(value) }
    @inlinable public var doubleValue: Double { self }
    public static var minValue: Double { -.infinity }
    public static var maxValue: Double { .infinity }
}

extension Float16: NumericElement {
    public static var dtype: DType { .float16 }
    public static func elements(of storage: TensorStorage) -> [Float16]? {
        if case .float16(let a) = storage { return a }
        return nil
    }
    public static func storage(_ elements: [Float16]) -> TensorStorage { .float16(elements) }
    @inlinable public init(lossyDouble value: Double) { self = Float16(value) }
    @inlinable public init(wrappingInt64 value: Int64) { self = Float16(value) }
    @inlinable public init(wrappingUInt64 value: UInt64) { self = Float16(value) }
    @inlinable public var doubleValue: Double { Double(self) }
    public static var minValue: Float16 { -.infinity }
    public static var maxValue: Float16 { .infinity }
}

/// The integer element types; conversions follow C's casts.
public protocol IntegerElement: NumericElement, FixedWidthInteger {}

extension IntegerElement {
    @inlinable
    public init(lossyDouble value: Double) {
        if value.isNaN {
            self = 0
        } else if value <= Double(Self.min) {
            self = Self.min
        } else if value >= Double(Self.max) {
            self = Self.max
        } else {
            self = Self(value.rounded(.towardZero))
        }
    }
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public init(wrappingInt64 value: Int64) { self = Self(truncatingIfNeeded: value) }
    @inlinable public init(wrappingUInt64 value: UInt64) { self = Self(truncatingIfNeeded: value) }
    public static var zero: Self { 0 }
    public static var minValue: Self { Self.min }
    public static var maxValue: Self { Self.max }
}

extension Int8: IntegerElement {
    public static var dtype: DType { .int8 }
    public static func elements(of storage: TensorStorage) -> [Int8]? { if case .int8(let a) = storage { return a }; return nil }
    public static func storage(_ elements: [Int8]) -> TensorStorage { .int8(elements) }
}
extension Int16: IntegerElement {
    public static var dtype: DType { .int16 }
    public static func elements(of storage: TensorStorage) -> [Int16]? { if case .int16(let a) = storage { return a }; return nil }
    public static func storage(_ elements: [Int16]) -> TensorStorage { .int16(elements) }
}
extension Int32: IntegerElement {
    public static var dtype: DType { .int32 }
    public static func elements(of storage: TensorStorage) -> [Int32]? { if case .int32(let a) = storage { return a }; return nil }
    public static func storage(_ elements: [Int32]) -> TensorStorage { .int32(elements) }
}
extension Int64: IntegerElement {
    public static var dtype: DType { .int64 }
    public static func elements(of storage: TensorStorage) -> [Int64]? { if case .int64(let a) = storage { return a }; return nil }
    public static func storage(_ elements: [Int64]) -> TensorStorage { .int64(elements) }
}
extension UInt8: IntegerElement {
    public static var dtype: DType { .uint8 }
    public static func elements(of storage: TensorStorage) -> [UInt8]? { if case .uint8(let a) = storage { return a }; return nil }
    public static func storage(_ elements: [UInt8]) -> TensorStorage { .uint8(elements) }
}
extension UInt16: IntegerElement {
    public static var dtype: DType { .uint16 }
    public static func elements(of storage: TensorStorage) -> [UInt16]? { if case .uint16(let a) = storage { return a }; return nil }
    public static func storage(_ elements: [UInt16]) -> TensorStorage { .uint16(elements) }
}
extension UInt32: IntegerElement {
    public static var dtype: DType { .uint32 }
    public static func elements(of storage: TensorStorage) -> [UInt32]? { if case .uint32(let a) = storage { return a }; return nil }
    public static func storage(_ elements: [UInt32]) -> TensorStorage { .uint32(elements) }
}
extension UInt64: IntegerElement {
    public static var dtype: DType { .uint64 }
    public static func elements(of storage: TensorStorage) -> [UInt64]? { if case .uint64(let a) = storage { return a }; return nil }
    public static func storage(_ elements: [UInt64]) -> TensorStorage { .uint64(elements) }
}

extension Bool: TensorElement {
    public static var dtype: DType { .bool }
    public static var zero: Bool { false }
    public static func elements(of storage: TensorStorage) -> [Bool]? { if case .bool(let a) = storage { return a }; return nil }
    public static func storage(_ elements: [Bool]) -> TensorStorage { .bool(elements) }
}

extension String: TensorElement {
    public static var dtype: DType { .string }
    public static var zero: String { "" }
    public static func elements(of storage: TensorStorage) -> [String]? { if case .string(let a) = storage { return a }; return nil }
    public static func storage(_ elements: [String]) -> TensorStorage { .string(elements) }
}
