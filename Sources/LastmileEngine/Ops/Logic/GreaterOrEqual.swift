/// GreaterOrEqual: `a >= b`.
struct GreaterOrEqualFunction: ComparisonFunction {
    @inline(__always) func callAsFunction<T: Comparable>(_ a: T, _ b: T) -> Bool { a >= b }
}
