/// The element type of a tensor.
///
/// The raw values are the names used in messages; `onnxCode` and `v2Name` map to the ONNX
/// `TensorProto.DataType` codes and the Open Inference Protocol datatype names.
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    case float32, float64, float16
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case bool, string

    public var description: String { rawValue }

    /// The ONNX `TensorProto.DataType` code of this type.
    public var onnxCode: Int {
        switch self {
        case .float32: 1
        case .uint8: 2
        case .int8: 3
        case .uint16: 4
        case .int16: 5
        case .int32: 6
        case .int64: 7
        case .string: 8
        case .bool: 9
        case .float16: 10
        case .float64: 11
        case .uint32: 12
        case .uint64: 13
        }
    }

    /// Creates the type for an ONNX `TensorProto.DataType` code, or nil when Lastmile has no such type.
    public init?(onnxCode: Int) {
        guard let match = DType.allCases.first(where: { $0.onnxCode == onnxCode }) else { return nil }
        self = match
    }

    /// The Open Inference Protocol (KServe v2) datatype name: `FP32`, `INT64`, `BYTES`, ...
    public var v2Name: String {
        switch self {
        case .float32: "FP32"
        case .float64: "FP64"
        case .float16: "FP16"
        case .int8: "INT8"
        case .int16: "INT16"
        case .int32: "INT32"
        case .int64: "INT64"
        case .uint8: "UINT8"
        case .uint16: "UINT16"
        case .uint32: "UINT32"
        case .uint64: "UINT64"
        case .bool: "BOOL"
        case .string: "BYTES"
        }
    }

    /// Creates the type for an Open Inference Protocol datatype name.
    public init?(v2Name: String) {
        guard let match = DType.allCases.first(where: { $0.v2Name == v2Name.uppercased() }) else { return nil }
        self = match
    }

    /// The name ONNX uses in type strings such as `tensor(float)`.
    public var onnxName: String {
        switch self {
        case .float32: "float"
        case .float64: "double"
        case .float16: "float16"
        case .bool: "bool"
        case .string: "string"
        default: rawValue
        }
    }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 || self == .float16 }

    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: true
        default: false
        }
    }

    public var isSignedInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64: true
        default: false
        }
    }

    /// Whether arithmetic applies: every type but bool and string.
    public var isNumeric: Bool { isFloatingPoint || isInteger }

    /// Bytes per element in ONNX `raw_data` (0 for strings, which have no fixed size).
    public var byteSize: Int {
        switch self {
        case .int8, .uint8, .bool: 1
        case .int16, .uint16, .float16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64: 8
        case .string: 0
        }
    }
}
