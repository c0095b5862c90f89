/// The input a codec is reading, and the row for records, to name in error messages.
struct CodecField {
    /// The longest name quoted in a message; longer names are cut, so a message never
    /// carries much of the request.
    static let maxQuotedName = 64

    var name: String
    var row: Int?

    /// `input "name"`, or `row 3, input "name"`.
    var label: String {
        let quoted = "input \(Self.quote(name))"
        guard let row else { return quoted }
        return "row \(row), \(quoted)"
    }

    /// A `.badInput` error about this field.
    func error(_ problem: String) -> RuntimeError {
        RuntimeError(.badInput, "\(label) \(problem)")
    }

    /// A name in quotes, cut to `maxQuotedName` characters.
    static func quote(_ name: String) -> String {
        let short = name.count > maxQuotedName ? String(name.prefix(maxQuotedName)) + "..." : name
        return "\"\(short)\""
    }
}
