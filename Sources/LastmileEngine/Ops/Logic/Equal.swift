/// Equal: `a == b` for numbers, bools and (from opset 19) strings.
struct EqualFunction: ComparisonFunction {
    var comparesBoolAndString: Bool { true }
    @inline(__always) func callAsFunction<T: Comparable>(_ a: T, _ b: T) -> Bool { a == b }
}
