import LastmileAPI
import LastmileEngine
import LastmileTensor

/// A compiled set of validations for one pipeline signature.
///
/// A validation is a named boolean expression over a row's fields (`in.<input>`,
/// `out.<output>`, indexed with integer literals); a row is an anomaly for a validation when
/// the expression is true for it. Expressions are parsed and type-checked once, here; `evaluate`
/// then only walks small typed trees, reading elements straight from tensor storage.
///
/// The language (the full grammar is on `ValidationParser`):
/// - numbers (`3`, `0.5`, `1e-3`), `true`, `false`; fields `in.x`, `out.score[0]`,
///   `out.m[1][2]`, `in["my-input"]`; a field with fewer indexes than its row has
///   dimensions is a vector, usable only in `min`, `max`, `mean`, `sum`, `len`;
/// - `-x`, `* /`, `+ -`, comparisons `< <= > >= == !=` (they do not chain), `not`, `and`,
///   `or`, in that order of precedence, and parentheses; `not x > 3` means `not (x > 3)`;
/// - `abs(x)`, `min(a, b, ...)`, `max(a, b, ...)`, and `min(v)`, `max(v)`, `mean(v)`,
///   `sum(v)`, `len(v)` over a vector.
///
/// Values are Doubles (integers converted) or booleans; arithmetic and comparisons follow
/// IEEE 754 (division by zero gives an infinity or NaN; a comparison with NaN is false except
/// `!=`, so `x != x` detects NaN); `min`/`max` are NaN when any argument is. A value can also
/// be unknown: a field the request or pipeline did not provide, an index past a variable
/// dimension, the mean/min/max of no elements. Unknowns propagate (`false and unknown` is
/// false, `true or unknown` is true) and an unknown result is not an anomaly.
public struct ValidationSet: Sendable {
    /// The longest rule name accepted.
    static let maxNameLength = 63

    /// The rule names, sorted.
    public let names: [String]
    /// The rules' typed trees, in the order of `names`.
    private let conditions: [ValidationCondition]
    /// The distinct field references of all rules, which the conditions index.
    private let accesses: [ValidationFieldAccess]

    /// Parses and type-checks every rule; throws RuntimeError(.invalidPipeline) naming the rule, expression and position.
    ///
    /// Rule names use letters, digits, `_` and `-` (at most 63; `count` is taken by
    /// `anomaly.count`). Expressions are at most 4096 characters and 64 levels deep.
    public init(_ rules: [String: String], inputs: [TensorSpec], outputs: [TensorSpec]) throws {
        var checker = ValidationTypeChecker(inputs: inputs, outputs: outputs)
        var names: [String] = []
        var conditions: [ValidationCondition] = []
        for (name, expression) in rules.sorted(by: { $0.key < $1.key }) {
            try Self.checkName(name)
            do throws(ValidationSyntaxError) {
                conditions.append(try checker.check(ValidationParser.parse(expression)))
            } catch {
                if ValidationParser.isTooLong(expression) {
                    throw RuntimeError(.invalidPipeline, "validation \"\(name)\": \(error.message)")
                }
                throw RuntimeError(.invalidPipeline, "validation \"\(name)\": at position \(error.position) in \"\(expression)\": \(error.message)")
            }
            names.append(name)
        }
        self.names = names
        self.conditions = conditions
        self.accesses = checker.accesses
    }

    /// Evaluates every rule on every row. `inputs` are the request tensors (first dim = rows), `outputs` the pipeline's outputs.
    /// Returns, per row, the names of the rules that are true for that row (an anomaly). Unknown (nil) results are not anomalies.
    ///
    /// Names come in the order of `names`. A field missing from `inputs`/`outputs`, not a
    /// tensor, or of another rank or element kind than its spec reads as unknown.
    public func evaluate(rows: Int, inputs: [String: Tensor], outputs: [NamedValue]) -> [[String]] {
        guard rows > 0 else { return [] }
        let evaluator = ValidationEvaluator(accesses: accesses, inputs: inputs, outputs: outputs)
        var anomalies: [[String]] = []
        anomalies.reserveCapacity(rows)
        for row in 0..<rows {
            var found: [String] = []
            for (name, condition) in zip(names, conditions) where evaluator.evaluate(condition, row: row) == true {
                found.append(name)
            }
            anomalies.append(found)
        }
        return anomalies
    }

    /// Refuses names that cannot be reported as `anomaly.<name>`.
    private static func checkName(_ name: String) throws {
        let rule = "names use letters, digits, \"_\" and \"-\", at most \(maxNameLength) characters"
        let valid = !name.isEmpty && name.utf8.count <= maxNameLength && name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard valid else {
            throw RuntimeError(.invalidPipeline, "validation \"\(name.prefix(80))\": the name is not valid; \(rule)")
        }
        guard name != "count" else {
            throw RuntimeError(.invalidPipeline, "validation \"count\": the name is reserved for anomaly.count; choose another")
        }
    }
}
