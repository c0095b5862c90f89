import Foundation

/// Turns logged rows (each a records JSON object) into a JSON list, NDJSON lines or CSV.
///
/// CSV columns come from the first row: `time`, then every `in.*`, `out.*`, `anomaly.*` and
/// `metadata.*` field; nested values are written as their JSON text in one quoted cell.
struct RowWriter {
    let format: LogQueryParameters.Format
    private var rows = 0
    private var columns: [(group: String, key: String)] = []

    init(format: LogQueryParameters.Format) {
        self.format = format
    }

    var opening: [UInt8] {
        format == .json ? Array("[".utf8) : []
    }

    var closing: [UInt8] {
        format == .json ? Array("]".utf8) : []
    }

    mutating func row(_ json: [UInt8]) -> [UInt8] {
        defer { rows += 1 }
        switch format {
        case .json:
            return rows == 0 ? json : [UInt8(ascii: ",")] + json
        case .ndjson:
            return json + [UInt8(ascii: "\n")]
        case .csv:
            guard let object = (try? JSONSerialization.jsonObject(with: Data(json))) as? [String: Any] else { return [] }
            var out = ""
            if rows == 0 {
                columns = [("", "time")]
                for group in ["in", "out", "anomaly", "metadata"] {
                    let fields = (object[group] as? [String: Any])?.keys.sorted() ?? []
                    columns += fields.map { (group, $0) }
                }
                out += columns.map { Self.cell($0.group.isEmpty ? $0.key : "\($0.group).\($0.key)") }.joined(separator: ",") + "\n"
            }
            out += columns.map { column in
                let value = column.group.isEmpty ? object[column.key] : (object[column.group] as? [String: Any])?[column.key]
                return Self.cell(Self.text(value))
            }.joined(separator: ",") + "\n"
            return Array(out.utf8)
        }
    }

    private static func text(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "" }
        if let string = value as? String { return string }
        if let number = value as? NSNumber {
            // JSONSerialization gives booleans as NSNumber too; their ObjC type is "c".
            if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
            return number.stringValue
        }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) {
            return String(decoding: data, as: UTF8.self)
        }
        return ""
    }

    private static func cell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
