import LastmileTensor

/// StringSplit (opset 20): splits each string at `delimiter` (at runs of whitespace when it is
/// empty or absent, dropping leading and trailing whitespace, as Python's `str.split()`), at most
/// `maxsplit` times. Y pads each row with empty strings to the longest split; Z counts the parts.
struct StringSplitKernel: Kernel {
    let delimiter: String
    let maxSplit: Int?

    init(_ ctx: NodeContext) throws {
        delimiter = try ctx.string("delimiter", default: "")
        maxSplit = try ctx.optionalInt("maxsplit")
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard let strings = x.elements(String.self) else { throw OpError("input must be a string tensor, got \(x.dtype)") }
        let parts = strings.map { delimiter.isEmpty ? splitWhitespace($0) : split($0) }
        let width = parts.map(\.count).max() ?? 0
        var y: [String] = []
        y.reserveCapacity(parts.count * width)
        for row in parts {
            y += row
            y += [String](repeating: "", count: width - row.count)
        }
        return [
            .tensor(Tensor(unchecked: x.shape + [width], y)),
            .tensor(Tensor(unchecked: x.shape, parts.map { Int64($0.count) })),
        ]
    }

    private var limit: Int { maxSplit.map { $0 < 0 ? Int.max : $0 } ?? Int.max }

    private func split(_ text: String) -> [String] {
        text.split(separator: delimiter, maxSplits: limit, omittingEmptySubsequences: false).map(String.init)
    }

    private func splitWhitespace(_ text: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(text)
        while true {
            rest = rest.drop(while: \.isWhitespace)
            if rest.isEmpty { break }
            if parts.count == limit {
                parts.append(String(rest))
                break
            }
            let word = rest.prefix(while: { !$0.isWhitespace })
            parts.append(String(word))
            rest = rest[word.endIndex...]
        }
        return parts
    }
}
