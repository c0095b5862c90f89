import Foundation
import LastmileEngine
import LastmileTensor

/// One output of a v2 response, as reference data to compare engine results with.
public struct ExpectedOutput: Sendable {
    public enum Data: Sendable {
        case numbers([Double])
        case strings([String])
        case bools([Bool])
        /// ZipMap output: one label-to-probability map per row, keys as strings.
        case maps([[String: Double]])
    }

    public var name: String
    public var datatype: String
    public var shape: [Int]
    public var data: Data

    /// Decodes the outputs of a v2 response body (NaN and infinities as strings).
    public static func decodeResponse(_ body: Foundation.Data) throws -> [ExpectedOutput] {
        guard let root = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              let outputs = root["outputs"] as? [[String: Any]] else {
            throw FixtureError("the response has no \"outputs\" list")
        }
        return try outputs.map { output in
            guard let name = output["name"] as? String, let datatype = output["datatype"] as? String,
                  let shape = output["shape"] as? [Int], let raw = output["data"] as? [Any] else {
                throw FixtureError("a response output lacks name, datatype, shape or data")
            }
            let data: Data
            switch datatype {
            case "BYTES": data = .strings(raw.map { $0 as? String ?? "" })
            case "BOOL": data = .bools(raw.map { ($0 as? Bool) ?? false })
            case "JSON": data = .maps(raw.map { item in
                ((item as? [String: Any]) ?? [:]).mapValues(Self.number)
            })
            default: data = .numbers(raw.map(Self.number))
            }
            return ExpectedOutput(name: name, datatype: datatype, shape: shape, data: data)
        }
    }

    private static func number(_ value: Any) -> Double {
        if let n = value as? NSNumber { return n.doubleValue }
        switch (value as? String)?.lowercased() {
        case "infinity", "inf": return .infinity
        case "-infinity", "-inf": return -.infinity
        default: return .nan
        }
    }

    /// Why `value` does not match this output within `rtol`/`atol` (NaN equals NaN), or nil
    /// when it does. Integer, bool and string outputs must match exactly.
    public func mismatch(_ value: Value, rtol: Double, atol: Double) -> String? {
        switch (value, data) {
        case (.tensor(let tensor), _):
            guard tensor.dtype.v2Name == datatype else { return "\(name): datatype \(tensor.dtype.v2Name), expected \(datatype)" }
            guard tensor.shape == shape else { return "\(name): shape \(tensor.shape), expected \(shape)" }
            switch data {
            case .strings(let expected):
                return tensor.elements(String.self) == expected ? nil : "\(name): strings differ"
            case .bools(let expected):
                return tensor.elements(Bool.self) == expected ? nil : "\(name): bools differ"
            case .numbers(let expected):
                let actual = tensor.doubles ?? []
                let exact = tensor.dtype.isInteger
                return Self.compare(actual, expected, rtol: exact ? 0 : rtol, atol: exact ? 0 : atol, name: name)
            case .maps:
                return "\(name): got a tensor, expected a sequence of maps"
            }
        case (.sequence(let items), .maps(let expected)):
            guard items.count == expected.count else { return "\(name): \(items.count) maps, expected \(expected.count)" }
            for (row, (item, want)) in zip(items, expected).enumerated() {
                guard case .map(let map) = item else { return "\(name)[\(row)]: not a map" }
                let keys = map.keys.elements(String.self) ?? (map.keys.ints ?? []).map { String($0) }
                guard Set(keys) == Set(want.keys), keys.count == want.count else {
                    return "\(name)[\(row)]: keys \(keys.sorted()), expected \(want.keys.sorted())"
                }
                let actual = map.values.doubles ?? []
                if let problem = Self.compare(actual, keys.map { want[$0] ?? .nan }, rtol: rtol, atol: atol, name: "\(name)[\(row)]") {
                    return problem
                }
            }
            return nil
        default:
            return "\(name): got \(value.typeDescription), expected \(datatype)"
        }
    }

    private static func compare(_ actual: [Double], _ expected: [Double], rtol: Double, atol: Double, name: String) -> String? {
        guard actual.count == expected.count else { return "\(name): \(actual.count) values, expected \(expected.count)" }
        for i in actual.indices {
            let a = actual[i], e = expected[i]
            if a.isNaN && e.isNaN { continue }
            if a == e { continue }
            if !(abs(a - e) <= atol + rtol * abs(e)) {
                return "\(name)[\(i)]: \(a), expected \(e) (rtol \(rtol), atol \(atol))"
            }
        }
        return nil
    }
}
