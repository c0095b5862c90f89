import Foundation
import LastmileTensor

/// RegexFullMatch (opset 20): whether each string matches `pattern` as a whole. The pattern is
/// compiled by NSRegularExpression (ICU syntax, which covers the RE2 syntax the spec names).
struct RegexFullMatchKernel: Kernel {
    // Safety: NSRegularExpression is immutable and documented as safe to use from several threads.
    private struct Pattern: @unchecked Sendable {
        let regex: NSRegularExpression
    }

    private let pattern: Pattern

    init(_ ctx: NodeContext) throws {
        let text = try ctx.string("pattern")
        do {
            pattern = Pattern(regex: try NSRegularExpression(pattern: "\\A(?:" + text + ")\\z", options: []))
        } catch {
            throw OpError("pattern is not a valid regular expression")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard let strings = x.elements(String.self) else { throw OpError("input must be a string tensor, got \(x.dtype)") }
        let regex = pattern.regex
        let matches = strings.map { text -> Bool in
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            return regex.firstMatch(in: text, options: [.anchored], range: range) != nil
        }
        return [.tensor(Tensor(unchecked: x.shape, matches))]
    }
}
