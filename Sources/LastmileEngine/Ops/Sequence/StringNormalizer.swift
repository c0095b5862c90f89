import LastmileTensor

/// StringNormalizer (opset 10): drops `stopwords` (compared ignoring case unless
/// `is_case_sensitive`), then applies `case_change_action` (LOWER, UPPER or NONE). Input and
/// output are `[C]` or `[1, C]`; when every string is dropped the output holds one empty
/// string, as in onnxruntime. `locale` is ignored.
struct StringNormalizerKernel: Kernel {
    enum CaseChange: String { case lower = "LOWER", upper = "UPPER", none = "NONE" }

    let caseChange: CaseChange
    let caseSensitive: Bool
    let stopwords: Set<String>

    init(_ ctx: NodeContext) throws {
        let action = try ctx.string("case_change_action", default: "NONE")
        guard let change = CaseChange(rawValue: action) else {
            throw OpError("case_change_action must be LOWER, UPPER or NONE, got \"\(action)\"")
        }
        caseChange = change
        caseSensitive = try ctx.int("is_case_sensitive", default: 0) != 0
        let words = try ctx.strings("stopwords", default: [])
        stopwords = Set(caseSensitive ? words : words.map { $0.lowercased() })
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard let strings = x.elements(String.self) else { throw OpError("input must be a string tensor, got \(x.dtype)") }
        guard x.rank == 1 || (x.rank == 2 && x.shape[0] == 1) else {
            throw OpError("input must have shape [C] or [1, C], got \(x.shape)")
        }
        var kept = strings.filter { !stopwords.contains(caseSensitive ? $0 : $0.lowercased()) }
        switch caseChange {
        case .lower: kept = kept.map { $0.lowercased() }
        case .upper: kept = kept.map { $0.uppercased() }
        case .none: break
        }
        if kept.isEmpty { kept = [""] }
        let shape = x.rank == 1 ? [kept.count] : [1, kept.count]
        return [.tensor(Tensor(unchecked: shape, kept))]
    }
}
