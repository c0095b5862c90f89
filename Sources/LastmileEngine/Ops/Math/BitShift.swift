import LastmileTensor

/// BitShift: `x << y` or `x >> y` for unsigned integers; shifting by the bit width or more
/// gives 0 (C leaves it undefined). Signed integers, which the spec does not list, shift
/// arithmetically.
struct BitShiftFunction: BinaryFunction {
    let left: Bool

    init(_ ctx: NodeContext) throws {
        let direction = try ctx.string("direction")
        switch direction {
        case "LEFT": left = true
        case "RIGHT": left = false
        default: throw OpError("attribute \"direction\" is \"\(direction)\", expected \"LEFT\" or \"RIGHT\"")
        }
    }

    var types: NumericTypes { .integersOnly }

    @inline(__always)
    func integer<T: IntegerElement>(_ x: T, _ y: T) -> T {
        left ? x << y : x >> y
    }
}
