import LastmileTensor
import RealModule

/// Helpers shared by the normalisation kernels.
enum NormalizationSupport {
    /// The elements of a floating-point (or integer) tensor as `T`, without copying when the
    /// tensor already holds `T`.
    static func values<T: FloatElement>(_ tensor: Tensor, as _: T.Type, name: String) throws -> [T] {
        if let same = tensor.elements(T.self) { return same }
        guard tensor.dtype.isNumeric, let doubles = tensor.doubles else {
            throw OpError("input \"\(name)\" must be a numeric tensor, got \(tensor.dtype)")
        }
        return doubles.map { T($0) }
    }

    /// Mean and variance (two-pass, population) of `count` contiguous elements.
    @inline(__always)
    static func moments<T: FloatElement & ReductionElement>(_ p: UnsafePointer<T>, _ count: Int) -> (mean: T, variance: T) {
        let mean = ReductionPlan.reduceRun(p, count, SumReduction()) / T(count)
        let variance = ReductionPlan.reduceRun(p, count, SquaredDeviationReduction(mean: mean)) / T(count)
        return (mean, variance)
    }
}

/// The sum of squared differences from a fixed mean.
struct SquaredDeviationReduction<Element: FloatElement & ReductionElement>: ReduceOperation {
    let mean: Element
    var identity: Element { .zero }
    @inline(__always) func map(_ x: Element) -> Element {
        let d = x - mean
        return d * d
    }
    @inline(__always) func combine(_ a: Element, _ b: Element) -> Element { a + b }
}
