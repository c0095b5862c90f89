import LastmileAPI
import LastmileEngine
import LastmileRuntime
import LastmileTensor
import LastmileTesting
import Testing

/// Random expression trees, printed as text and evaluated directly, so the language's parser,
/// type checker and evaluator are compared with a small independent reference.
@Suite struct ValidationRandomTests {
    /// One row of the random batch: `in.x` (4 of a variable number of columns), `out.y`, `in.flag`.
    struct Row {
        var x: [Double]
        var y: [Double]
        var flag: Bool
    }

    indirect enum NumberTree {
        case literal(Double, text: String)
        /// `in.x[i]`; x has 4 columns in the batch, so 4 and 5 are unknown.
        case x(Int)
        /// `out.y[i]`, i < 3.
        case y(Int)
        case negate(NumberTree)
        case binary(String, NumberTree, NumberTree)
        case abs(NumberTree)
        case extreme(isMax: Bool, [NumberTree])
        /// `sum`, `mean`, `min`, `max` or `len` of `in.x` (onX) or `out.y`.
        case reduce(String, onX: Bool)
    }

    indirect enum BoolTree {
        case literal(Bool)
        case flag
        case not(BoolTree)
        case and(BoolTree, BoolTree)
        case or(BoolTree, BoolTree)
        case compare(String, NumberTree, NumberTree)
        case same(BoolTree, BoolTree, negated: Bool)
    }

    static let inputs = [TensorSpec(name: "x", datatype: "FP32", shape: [-1, -1]), TensorSpec(name: "flag", datatype: "BOOL", shape: [-1])]
    static let outputs = [TensorSpec(name: "y", datatype: "FP64", shape: [-1, 3])]

    @Test func randomExpressionsEvaluateAsTheirTreesDo() throws {
        var random = SeededGenerator(seed: 20_240_611)
        var flagged = 0
        var total = 0
        for _ in 0..<25 {
            // Given a random batch and random rules: boolean trees, and numeric trees pinned to
            // their reference value on row 0 ("N == value") or tested for NaN ("N != N")
            let rows = (0..<6).map { _ in
                Row(x: (0..<4).map { _ in [-2, -1, -0.5, 0, 0.5, 1, 2, 3][random.int(8)] },
                    y: (0..<3).map { _ in [-1, 0, 0.25, 1, 2][random.int(5)] },
                    flag: random.int(2) == 0)
            }
            var rules: [String: String] = [:]
            var expected: [String: [Bool]] = [:]
            for index in 0..<40 {
                let tree = Self.condition(depth: 3, &random)
                let name = "b" + String(index + 100)
                rules[name] = Self.render(tree, &random).text
                expected[name] = rows.map { Self.value(tree, $0) == true }
            }
            for index in 0..<20 {
                let tree = Self.number(depth: 4, &random)
                let name = "n" + String(index + 100)
                let text = Self.render(tree, &random).text
                if let pinned = Self.value(tree, rows[0]), pinned.isFinite {
                    rules[name] = "\(text) == \(pinned)"
                    expected[name] = rows.map { Self.value(tree, $0) == pinned }
                } else {
                    rules[name] = "\(text) != \(text)"
                    expected[name] = rows.map { Self.value(tree, $0).map { $0 != $0 } == true }
                }
            }
            let x = try Tensor(shape: [6, 4], elements: rows.flatMap { $0.x.map { Float($0) } })
            let y = try Tensor(shape: [6, 3], elements: rows.flatMap(\.y))
            let flag = try Tensor(shape: [6], elements: rows.map(\.flag))

            // When compiled and evaluated
            let set = try ValidationSet(rules, inputs: Self.inputs, outputs: Self.outputs)
            let anomalies = set.evaluate(rows: 6, inputs: ["x": x, "flag": flag], outputs: [NamedValue(name: "y", value: .tensor(y))])

            // Then every row is flagged by exactly the rules whose tree is true on it
            for row in 0..<6 {
                let want = expected.keys.sorted().filter { expected[$0]?[row] == true }
                #expect(anomalies[row] == want, "row \(row): \(Set(anomalies[row]).symmetricDifference(want).map { "\($0): \(rules[$0] ?? "")" })")
                flagged += want.count
                total += expected.count
            }
        }
        // And the random rules were neither all true nor all false
        #expect(flagged > total / 10 && flagged < total * 9 / 10)
    }

    // MARK: - Generation

    static func number(depth: Int, _ random: inout SeededGenerator) -> NumberTree {
        if depth == 0 || random.int(10) < 3 {
            switch random.int(3) {
            case 0:
                let literals: [(Double, String)] = [(0, "0"), (1, "1"), (2, "2.0"), (3, "3"), (0.5, "0.5"), (0.5, "5e-1"), (10, "1e1")]
                let (value, text) = literals[random.int(literals.count)]
                return .literal(value, text: text)
            case 1: return .x(random.int(6))
            default: return .y(random.int(3))
            }
        }
        switch random.int(10) {
        case 0: return .negate(number(depth: depth - 1, &random))
        case 1: return .abs(number(depth: depth - 1, &random))
        case 2: return .extreme(isMax: random.int(2) == 0, (0..<(2 + random.int(2))).map { _ in number(depth: depth - 1, &random) })
        case 3: return .reduce(["sum", "mean", "min", "max", "len"][random.int(5)], onX: random.int(2) == 0)
        default:
            return .binary(["+", "-", "*", "/"][random.int(4)], number(depth: depth - 1, &random), number(depth: depth - 1, &random))
        }
    }

    static func condition(depth: Int, _ random: inout SeededGenerator) -> BoolTree {
        let choice = depth == 0 ? 4 + random.int(4) : random.int(8)
        switch choice {
        case 0: return .not(condition(depth: depth - 1, &random))
        case 1: return .and(condition(depth: depth - 1, &random), condition(depth: depth - 1, &random))
        case 2: return .or(condition(depth: depth - 1, &random), condition(depth: depth - 1, &random))
        case 3: return .same(condition(depth: depth - 1, &random), condition(depth: depth - 1, &random), negated: random.int(2) == 0)
        case 4: return random.int(2) == 0 ? .flag : .literal(random.int(2) == 0)
        default:
            let op = ["<", "<=", ">", ">=", "==", "!="][random.int(6)]
            return .compare(op, number(depth: 2, &random), number(depth: 2, &random))
        }
    }

    // MARK: - Reference evaluation (Kleene logic over optional values)

    static func value(_ tree: NumberTree, _ row: Row) -> Double? {
        switch tree {
        case .literal(let value, _): return value
        case .x(let index): return index < row.x.count ? row.x[index] : nil
        case .y(let index): return row.y[index]
        case .negate(let operand): return value(operand, row).map { -$0 }
        case .abs(let operand): return value(operand, row)?.magnitude
        case .binary(let op, let left, let right):
            guard let a = value(left, row), let b = value(right, row) else { return nil }
            switch op {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            default: return a / b
            }
        case .extreme(let isMax, let operands):
            var values: [Double] = []
            for operand in operands {
                guard let v = value(operand, row) else { return nil }
                values.append(v)
            }
            return extreme(values, isMax: isMax)
        case .reduce(let function, let onX):
            let values = onX ? row.x : row.y
            switch function {
            case "sum": return values.reduce(0, +)
            case "mean": return values.reduce(0, +) / Double(values.count)
            case "len": return Double(values.count)
            default: return extreme(values, isMax: function == "max")
            }
        }
    }

    /// The minimum or maximum, NaN when any value is NaN.
    static func extreme(_ values: [Double], isMax: Bool) -> Double {
        if values.contains(where: \.isNaN) { return .nan }
        return values.dropFirst().reduce(values[0]) { best, next in
            isMax ? (next >= best ? next : best) : (next < best ? next : best)
        }
    }

    static func value(_ tree: BoolTree, _ row: Row) -> Bool? {
        switch tree {
        case .literal(let value): return value
        case .flag: return row.flag
        case .not(let operand): return value(operand, row).map { !$0 }
        case .and(let left, let right):
            let (a, b) = (value(left, row), value(right, row))
            if a == false || b == false { return false }
            return a == true && b == true ? true : nil
        case .or(let left, let right):
            let (a, b) = (value(left, row), value(right, row))
            if a == true || b == true { return true }
            return a == false && b == false ? false : nil
        case .same(let left, let right, let negated):
            guard let a = value(left, row), let b = value(right, row) else { return nil }
            return negated ? a != b : a == b
        case .compare(let op, let left, let right):
            guard let a = value(left, row), let b = value(right, row) else { return nil }
            switch op {
            case "<": return a < b
            case "<=": return a <= b
            case ">": return a > b
            case ">=": return a >= b
            case "==": return a == b
            default: return a != b
            }
        }
    }

    // MARK: - Printing with the fewest parentheses the precedence needs (and some extra)

    /// Precedence levels: or 1, and 2, not 3, comparison 4, + - 5, * / 6, unary minus 7, atom 8.
    static func render(_ tree: BoolTree, _ random: inout SeededGenerator) -> (text: String, level: Int) {
        switch tree {
        case .literal(let value): return (value ? "true" : "false", 8)
        case .flag: return ("in.flag", 8)
        case .not(let operand): return ("not " + wrap(render(operand, &random), 3, &random), 3)
        case .and(let left, let right):
            return (wrap(render(left, &random), 2, &random) + " and " + wrap(render(right, &random), 3, &random), 2)
        case .or(let left, let right):
            return (wrap(render(left, &random), 1, &random) + " or " + wrap(render(right, &random), 2, &random), 1)
        case .same(let left, let right, let negated):
            return (wrap(render(left, &random), 5, &random) + (negated ? " != " : " == ") + wrap(render(right, &random), 5, &random), 4)
        case .compare(let op, let left, let right):
            return (wrap(render(left, &random), 5, &random) + " \(op) " + wrap(render(right, &random), 5, &random), 4)
        }
    }

    static func render(_ tree: NumberTree, _ random: inout SeededGenerator) -> (text: String, level: Int) {
        switch tree {
        case .literal(_, let text): return (text, 8)
        case .x(let index): return ("in.x[\(index)]", 8)
        case .y(let index): return (random.int(2) == 0 ? "out.y[\(index)]" : "out['y'][\(index)]", 8)
        case .negate(let operand): return ("-" + wrap(render(operand, &random), 7, &random), 7)
        case .abs(let operand): return ("abs(\(render(operand, &random).text))", 8)
        case .extreme(let isMax, let operands):
            return ((isMax ? "max(" : "min(") + operands.map { render($0, &random).text }.joined(separator: ", ") + ")", 8)
        case .reduce(let function, let onX): return ("\(function)(\(onX ? "in.x" : "out.y"))", 8)
        case .binary(let op, let left, let right):
            let level = op == "+" || op == "-" ? 5 : 6
            return (wrap(render(left, &random), level, &random) + " \(op) " + wrap(render(right, &random), level + 1, &random), level)
        }
    }

    /// The text, in parentheses when its level is below `minimum` (and now and then anyway).
    static func wrap(_ printed: (text: String, level: Int), _ minimum: Int, _ random: inout SeededGenerator) -> String {
        printed.level < minimum || random.int(10) == 0 ? "(\(printed.text))" : printed.text
    }
}
