import LastmileTensor

/// BitShift: `x << y` or `x >> y`. A shift amount that is negative or at least the bit width
/// is out of range and fills the whole result: 0, or -1 for a right shift of a negative signed
/// value (as ONNX's reference does; C leaves it undefined). Signed integers shift arithmetically.
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
        // Swift's smart shifts treat a negative amount as a shift the other way; ONNX treats
        // it as out of range, like an amount past the bit width.
        let amount = y < 0 ? T(T.bitWidth) : y
        return left ? x << amount : x >> amount
    }
}
