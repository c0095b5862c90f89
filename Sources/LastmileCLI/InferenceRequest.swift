import Foundation
import LastmileTensor

/// Reads Open Inference Protocol (KServe v2) JSON requests into tensors.
///
/// `{"inputs": [{"name", "shape", "datatype", "data"}]}`: `data` is flat or nested, row-major;
/// datatypes BOOL, UINT8..UINT64, INT8..INT64, FP16, FP32, FP64 and BYTES (strings). Floats
/// also accept the strings "NaN", "Infinity" and "-Infinity", and null for NaN, since JSON
/// has no literal for them.
public enum InferenceRequest {
    /// One named input tensor of a request, in request order.
    public struct Input: Sendable {
        public var name: String
        public var tensor: Tensor
    }

    /// Decodes a v2 request body.
    public static func decode(_ data: Data) throws -> [Input] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw CLIError(.badInput, "the request is not valid JSON: \(error.localizedDescription)")
        }
        guard let object = root as? [String: Any], let inputs = object["inputs"] as? [Any] else {
            throw CLIError(.badInput, "the request must be a JSON object with an \"inputs\" list: {\"inputs\": [{\"name\", \"shape\", \"datatype\", \"data\"}]}")
        }
        return try inputs.enumerated().map { index, item in
            guard let input = item as? [String: Any] else {
                throw CLIError(.badInput, "inputs[\(index)] must be an object with name, shape, datatype and data")
            }
            return try decodeInput(input, index: index)
        }
    }

    private static func decodeInput(_ input: [String: Any], index: Int) throws -> Input {
        guard let name = input["name"] as? String else {
            throw CLIError(.badInput, "inputs[\(index)] has no \"name\" string")
        }
        let label = "input \"\(name)\""
        guard let datatype = input["datatype"] as? String else {
            throw CLIError(.badInput, "\(label) has no \"datatype\" (one of BOOL, UINT8..UINT64, INT8..INT64, FP16, FP32, FP64, BYTES)")
        }
        guard let dtype = DType(v2Name: datatype) else {
            throw CLIError(.badInput, "\(label) has datatype \"\(datatype)\"; expected one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES")
        }
        guard let rawShape = input["shape"] as? [Any] else {
            throw CLIError(.badInput, "\(label) has no \"shape\" list")
        }
        let shape = try rawShape.map { dim -> Int in
            guard let number = dim as? NSNumber, !isBool(dim), number.doubleValue == number.doubleValue.rounded(), number.int64Value >= 0 else {
                throw CLIError(.badInput, "\(label) has shape \(rawShape): dimensions must be non-negative integers")
            }
            return number.intValue
        }
        guard let data = input["data"] else {
            throw CLIError(.badInput, "\(label) has no \"data\"")
        }
        var flat: [Any] = []
        flatten(data, into: &flat)
        let expected = Shape.count(shape)
        guard flat.count == expected else {
            throw CLIError(.badInput, "\(label) has \(flat.count) data values, but shape \(shape) needs \(expected)")
        }
        let storage = try convert(flat, to: dtype, label: label)
        do {
            return Input(name: name, tensor: try Tensor(shape: shape, storage: storage))
        } catch {
            throw CLIError(.badInput, "\(label): \(error)")
        }
    }

    /// Whether a JSONSerialization value is `true`/`false` rather than a number (on Linux both
    /// are NSNumber, and `is Bool` holds for the numbers 0 and 1 too).
    private static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    private static func flatten(_ value: Any, into flat: inout [Any]) {
        if let list = value as? [Any] {
            for item in list { flatten(item, into: &flat) }
        } else {
            flat.append(value)
        }
    }

    private static func convert(_ values: [Any], to dtype: DType, label: String) throws -> TensorStorage {
        func bad(_ index: Int, _ what: String) -> CLIError {
            CLIError(.badInput, "\(label): data[\(index)] is not \(what)")
        }
        func number(_ value: Any, _ index: Int) throws -> NSNumber {
            guard let n = value as? NSNumber, !isBool(value) else { throw bad(index, "a number (datatype \(dtype.v2Name))") }
            return n
        }
        func integers<T: IntegerElement>(_: T.Type) throws -> [T] {
            try values.enumerated().map { index, value in
                let n = try number(value, index)
                let d = n.doubleValue
                guard d == d.rounded() else { throw bad(index, "an integer (datatype \(dtype.v2Name))") }
                if T.self == UInt64.self {
                    guard d >= 0 else { throw bad(index, "within the range of \(dtype.v2Name)") }
                    return T(truncatingIfNeeded: n.uint64Value)
                }
                let i = n.int64Value
                guard let exact = T(exactly: i) else { throw bad(index, "within the range of \(dtype.v2Name)") }
                return exact
            }
        }
        func floats() throws -> [Double] {
            try values.enumerated().map { index, value in
                if value is NSNull { return .nan }
                if let text = value as? String {
                    switch text.lowercased() {
                    case "nan": return .nan
                    case "inf", "infinity", "+inf", "+infinity": return .infinity
                    case "-inf", "-infinity": return -.infinity
                    default: throw bad(index, "a number (datatype \(dtype.v2Name))")
                    }
                }
                return try number(value, index).doubleValue
            }
        }
        switch dtype {
        case .float32: return .float32(try floats().map { Float($0) })
        case .float64: return .float64(try floats())
        case .float16: return .float16(try floats().map { Float16($0) })
        case .int8: return .int8(try integers(Int8.self))
        case .int16: return .int16(try integers(Int16.self))
        case .int32: return .int32(try integers(Int32.self))
        case .int64: return .int64(try integers(Int64.self))
        case .uint8: return .uint8(try integers(UInt8.self))
        case .uint16: return .uint16(try integers(UInt16.self))
        case .uint32: return .uint32(try integers(UInt32.self))
        case .uint64: return .uint64(try integers(UInt64.self))
        case .bool:
            return .bool(try values.enumerated().map { index, value in
                if let n = value as? NSNumber, isBool(value) || n.doubleValue == 0 || n.doubleValue == 1 { return n.doubleValue == 1 }
                throw bad(index, "a boolean")
            })
        case .string:
            return .string(try values.enumerated().map { index, value in
                guard let s = value as? String else { throw bad(index, "a string (datatype BYTES)") }
                return s
            })
        }
    }
}
