import LastmileTensor

/// Div: `a / b`; integer division truncates toward zero like C.
///
/// An integer division by zero gives 0 (numpy's result; C leaves it undefined) and
/// `min / -1` wraps to `min`, so no input traps.
struct DivFunction: BinaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ a: T, _ b: T) -> T { a / b }

    @inline(__always)
    func integer<T: IntegerElement>(_ a: T, _ b: T) -> T {
        b == 0 ? 0 : a.dividedReportingOverflow(by: b).partialValue
    }
}
