/// A parsed Einsum equation such as `bij,bjk->bik` or `...ii->...i`.
struct EinsumEquation: Sendable {
    /// One subscript of a term: a letter, or the ellipsis standing for broadcast axes.
    enum Subscript: Hashable, Sendable {
        case letter(UInt8)
        case ellipsis
    }

    let inputs: [[Subscript]]
    /// The explicit right-hand side, or nil in implicit mode.
    let output: [Subscript]?

    init(_ text: String) throws {
        let compact = text.utf8.filter { $0 != UInt8(ascii: " ") }
        var sides = [[UInt8]]()
        var current = [UInt8]()
        var i = 0
        while i < compact.count {
            if compact[i] == UInt8(ascii: "-") {
                guard i + 1 < compact.count, compact[i + 1] == UInt8(ascii: ">") else {
                    throw OpError("Einsum equation \"\(text)\" has a '-' that is not part of '->'")
                }
                sides.append(current)
                current = []
                i += 2
            } else {
                current.append(compact[i])
                i += 1
            }
        }
        sides.append(current)
        guard sides.count <= 2 else { throw OpError("Einsum equation \"\(text)\" has more than one '->'") }
        inputs = try sides[0].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map {
            try Self.term(Array($0), text)
        }
        output = sides.count == 2 ? try Self.term(sides[1], text) : nil
        if let output {
            for s in output where output.filter({ $0 == s }).count > 1 {
                throw OpError("Einsum equation \"\(text)\" repeats a subscript in its output")
            }
        }
    }

    private static func term(_ bytes: [UInt8], _ text: String) throws -> [Subscript] {
        var result: [Subscript] = []
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: ".") {
                guard i + 2 < bytes.count, bytes[i + 1] == c, bytes[i + 2] == c, !result.contains(.ellipsis) else {
                    throw OpError("Einsum equation \"\(text)\" has a malformed ellipsis")
                }
                result.append(.ellipsis)
                i += 3
            } else if (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) {
                result.append(.letter(c))
                i += 1
            } else {
                throw OpError("Einsum equation \"\(text)\" has an invalid character '\(Character(Unicode.Scalar(c)))'")
            }
        }
        return result
    }
}
