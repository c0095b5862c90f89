/// The rule every workspace, model, pipeline and user name follows.
///
/// Names are endpoints and file-system-safe identifiers: lowercase letters, digits and inner
/// hyphens (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`), at most 63 characters.
public enum ResourceName {
    /// The longest name allowed.
    public static let maxLength = 63

    /// Returns a message naming the problem with `name`, or nil when it is valid.
    ///
    /// - Parameter kind: what the name is for, used in the message ("pipeline", "model").
    public static func problem(with name: String, kind: String) -> String? {
        // Built only when refusing: the inference log checks a name on every append.
        var rule: String { "\(kind) names use lowercase letters, digits and inner hyphens ([a-z0-9]([-a-z0-9]*[a-z0-9])?), at most \(maxLength) characters" }
        let bytes = name.utf8
        guard !bytes.isEmpty else { return "the \(kind) name is empty; \(rule)" }
        guard bytes.count <= maxLength else {
            return "the \(kind) name is \(bytes.count) characters long; \(rule)"
        }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        let valid = bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
            && bytes.first.map(isAlphanumeric) == true && bytes.last.map(isAlphanumeric) == true
        return valid ? nil : "\"\(name.prefix(80))\" is not a valid \(kind) name; \(rule)"
    }

    /// Whether `name` follows the rule.
    public static func isValid(_ name: String) -> Bool {
        problem(with: name, kind: "resource") == nil
    }
}
