import Foundation

/// The fields of an `application/x-www-form-urlencoded` body (the last value wins).
struct FormData: Sendable {
    private(set) var fields: [String: String] = [:]

    init(fields: [String: String] = [:]) {
        self.fields = fields
    }

    /// Parses `name=value&...`, with `+` as space and percent escapes.
    init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
    }

    subscript(_ name: String) -> String? {
        fields[name]
    }

    /// The field trimmed, or nil when it is missing or blank.
    func text(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// The field as a whole number; a `UIError` naming the field when it is not one.
    func integer(_ name: String, label: String) throws -> Int? {
        guard let text = text(name) else { return nil }
        guard let value = Int(text) else { throw UIError(status: .badRequest, message: "\(label) \"\(text.prefix(20))\" is not a whole number") }
        return value
    }

    /// The field as a number; a `UIError` naming the field when it is not one.
    func number(_ name: String, label: String) throws -> Double? {
        guard let text = text(name) else { return nil }
        guard let value = Double(text), value.isFinite else { throw UIError(status: .badRequest, message: "\(label) \"\(text.prefix(20))\" is not a number") }
        return value
    }
}

extension String {
    /// The string escaped for one path segment of a URL.
    var pathEscaped: String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }

    /// The string escaped for a query value.
    var queryEscaped: String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#?/")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }
}
