import Foundation
import LastmileEngine
import LastmileTensor

/// Writes Open Inference Protocol (KServe v2) JSON responses.
///
/// Tensors become `{"name", "shape", "datatype", "data"}` with flat row-major data; a
/// sequence of maps (ZipMap) becomes `{"name", "datatype": "JSON", "shape": [N], "data":
/// [{label: probability}, ...]}`. NaN and infinities, which JSON cannot write, are the strings
/// "NaN", "Infinity" and "-Infinity".
public enum InferenceResponse {
    /// Encodes outputs, in the given order, as a v2 response body.
    public static func encode(modelName: String, outputs: [(name: String, value: Value)]) throws -> String {
        var json = "{\"model_name\": \(quote(modelName)), \"outputs\": ["
        for (index, output) in outputs.enumerated() {
            if index > 0 { json += ", " }
            json += try encode(name: output.name, value: output.value)
        }
        json += "]}"
        return json
    }

    static func encode(name: String, value: Value) throws -> String {
        switch value {
        case .tensor(let tensor):
            return "{\"name\": \(quote(name)), \"shape\": \(tensor.shape), \"datatype\": \"\(tensor.dtype.v2Name)\", \"data\": [\(elementStrings(tensor).joined(separator: ", "))]}"
        case .sequence(let items):
            var maps: [String] = []
            for item in items {
                guard case .map(let map) = item else {
                    throw CLIError(.unsupportedModel, "output \"\(name)\" is a sequence of \(item.typeDescription); only sequences of maps (ZipMap) can be written as JSON")
                }
                let keys = map.keys.elements(String.self) ?? (map.keys.ints ?? []).map { String($0) }
                let values = elementStrings(map.values)
                maps.append("{" + zip(keys, values).map { "\(quote($0)): \($1)" }.joined(separator: ", ") + "}")
            }
            return "{\"name\": \(quote(name)), \"datatype\": \"JSON\", \"shape\": [\(items.count)], \"data\": [\(maps.joined(separator: ", "))]}"
        case .map:
            throw CLIError(.unsupportedModel, "output \"\(name)\" is a single map; only tensors and sequences of maps can be written")
        }
    }

    /// The elements of a tensor as JSON values.
    static func elementStrings(_ tensor: Tensor) -> [String] {
        switch tensor.storage {
        case .float32(let a): a.map { number(Double($0), $0.description) }
        case .float64(let a): a.map { number($0, $0.description) }
        case .float16(let a): a.map { number(Double($0), Float($0).description) }
        case .bool(let a): a.map { $0 ? "true" : "false" }
        case .string(let a): a.map(quote)
        case .uint64(let a): a.map { String($0) }
        default: (tensor.ints ?? []).map { String($0) }
        }
    }

    private static func number(_ value: Double, _ text: String) -> String {
        if value.isNaN { return "\"NaN\"" }
        if value.isInfinite { return value > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        return text
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
