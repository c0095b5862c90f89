import LastmileTensor

/// Mod: the remainder of `a / b`.
///
/// With `fmod` = 1 it is C's `fmod` (the sign of `a`); with `fmod` = 0 it is Python's `%`
/// (the sign of `b`). The spec allows `fmod` = 0 only for integers; floats get numpy's `mod`
/// rather than an error. An integer remainder by zero gives 0.
struct ModFunction: BinaryFunction {
    let fmod: Bool

    init(_ ctx: NodeContext) throws {
        let value = try ctx.int("fmod", default: 0)
        guard value == 0 || value == 1 else { throw OpError("attribute \"fmod\" is \(value), expected 0 or 1") }
        self.fmod = value == 1
    }

    @inline(__always)
    func callAsFunction<T: FloatElement>(_ a: T, _ b: T) -> T {
        let r = a.truncatingRemainder(dividingBy: b)
        if fmod || r == 0 || (r < 0) == (b < 0) { return r }
        return r + b
    }

    @inline(__always)
    func integer<T: IntegerElement>(_ a: T, _ b: T) -> T {
        guard b != 0 else { return 0 }
        let r = a.remainderReportingOverflow(dividingBy: b).partialValue
        if fmod || r == 0 || (r < 0) == (b < 0) { return r }
        return r &+ b
    }
}
