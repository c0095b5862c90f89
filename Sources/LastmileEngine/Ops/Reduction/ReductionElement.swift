import LastmileTensor

/// An element type the reduction kernels accumulate in: IEEE arithmetic for floats, wrapping
/// arithmetic for integers (as C and onnxruntime do), so no input can trap.
protocol ReductionElement: NumericElement {
    static func reductionAdd(_ a: Self, _ b: Self) -> Self
    static func reductionMultiply(_ a: Self, _ b: Self) -> Self
    /// The absolute value (wrapping for the most negative integer).
    static func reductionMagnitude(_ a: Self) -> Self
    /// `a` divided by a positive element count; integers truncate, and a count of zero or one
    /// too large for the type gives zero.
    static func reductionDivide(_ a: Self, count: Int) -> Self
}

extension ReductionElement where Self: FloatElement {
    @inline(__always) static func reductionAdd(_ a: Self, _ b: Self) -> Self { a + b }
    @inline(__always) static func reductionMultiply(_ a: Self, _ b: Self) -> Self { a * b }
    @inline(__always) static func reductionMagnitude(_ a: Self) -> Self { Swift.abs(a) }
    @inline(__always) static func reductionDivide(_ a: Self, count: Int) -> Self { a / Self(count) }
}

extension ReductionElement where Self: IntegerElement {
    @inline(__always) static func reductionAdd(_ a: Self, _ b: Self) -> Self { a &+ b }
    @inline(__always) static func reductionMultiply(_ a: Self, _ b: Self) -> Self { a &* b }
    @inline(__always) static func reductionMagnitude(_ a: Self) -> Self { a < 0 ? 0 &- a : a }
    @inline(__always) static func reductionDivide(_ a: Self, count: Int) -> Self {
        guard let divisor = Self(exactly: count), divisor > 0 else { return 0 }
        return a / divisor
    }
}

extension Float: ReductionElement {}
extension Double: ReductionElement {}
extension Int8: ReductionElement {}
extension UInt8: ReductionElement {}
extension Int16: ReductionElement {}
extension UInt16: ReductionElement {}
extension Int32: ReductionElement {}
extension UInt32: ReductionElement {}
extension Int64: ReductionElement {}
extension UInt64: ReductionElement {}

/// One associative reduction: every input element is mapped, then combined into an accumulator
/// that starts at `identity` (the result for an empty set).
protocol ReduceOperation {
    associatedtype Element: ReductionElement
    var identity: Element { get }
    func map(_ x: Element) -> Element
    func combine(_ a: Element, _ b: Element) -> Element
}

struct SumReduction<Element: ReductionElement>: ReduceOperation {
    var identity: Element { .zero }
    @inline(__always) func map(_ x: Element) -> Element { x }
    @inline(__always) func combine(_ a: Element, _ b: Element) -> Element { Element.reductionAdd(a, b) }
}

struct SumSquareReduction<Element: ReductionElement>: ReduceOperation {
    var identity: Element { .zero }
    @inline(__always) func map(_ x: Element) -> Element { Element.reductionMultiply(x, x) }
    @inline(__always) func combine(_ a: Element, _ b: Element) -> Element { Element.reductionAdd(a, b) }
}

struct AbsoluteSumReduction<Element: ReductionElement>: ReduceOperation {
    var identity: Element { .zero }
    @inline(__always) func map(_ x: Element) -> Element { Element.reductionMagnitude(x) }
    @inline(__always) func combine(_ a: Element, _ b: Element) -> Element { Element.reductionAdd(a, b) }
}

struct ProductReduction<Element: ReductionElement>: ReduceOperation {
    var identity: Element { 1 }
    @inline(__always) func map(_ x: Element) -> Element { x }
    @inline(__always) func combine(_ a: Element, _ b: Element) -> Element { Element.reductionMultiply(a, b) }
}

/// The maximum; NaN inputs are skipped, as in onnxruntime.
struct MaxReduction<Element: ReductionElement>: ReduceOperation {
    var identity: Element { Element.minValue }
    @inline(__always) func map(_ x: Element) -> Element { x }
    @inline(__always) func combine(_ a: Element, _ b: Element) -> Element { b > a ? b : a }
}

/// The minimum; NaN inputs are skipped, as in onnxruntime.
struct MinReduction<Element: ReductionElement>: ReduceOperation {
    var identity: Element { Element.maxValue }
    @inline(__always) func map(_ x: Element) -> Element { x }
    @inline(__always) func combine(_ a: Element, _ b: Element) -> Element { b < a ? b : a }
}
