import LastmileTensor

/// Softmax and LogSoftmax.
///
/// Before opset 13 the input is coerced to 2-D at `axis` (default 1) and normalised over the
/// flattened trailing axes; from opset 13 it is normalised over the one axis `axis` (default
/// -1). A row holding +inf, NaN or only -inf gives NaN, as in onnxruntime.
struct SoftmaxKernel: Kernel {
    let axis: Int
    let flattensTrailingAxes: Bool
    let log: Bool

    init(_ ctx: NodeContext, log: Bool) throws {
        flattensTrailingAxes = ctx.opset < 13
        axis = try ctx.int("axis", default: flattensTrailingAxes ? 1 : -1)
        self.log = log
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let a = axis < 0 ? axis + x.rank : axis
        guard a >= 0, a < x.rank else {
            throw OpError("axis \(axis) is out of range for input 0 of shape \(x.shape)")
        }
        let outer = Shape.count(Array(x.shape[..<a]))
        let n = flattensTrailingAxes ? Shape.count(Array(x.shape[a...])) : x.shape[a]
        let inner = flattensTrailingAxes ? 1 : Shape.count(Array(x.shape[(a + 1)...]))
        let layout = Layout(outer: outer, n: n, inner: inner)
        let storage: TensorStorage
        switch x.storage {
        case .float32(let v): storage = .float32(softmax(v, layout, FastExp()))
        case .float64(let v): storage = .float64(softmax(v, layout, PreciseExp<Double>()))
        case .float16(let v):
            let wide = softmax(Elementwise.map(v) { FastMath.float($0) }, layout, FastExp())
            storage = .float16(Elementwise.map(wide) { FastMath.half($0) })
        default: throw OpError.unsupportedType(x.dtype, expected: NumericTypes.floatsOnly.description)
        }
        return [.tensor(x.with(storage: storage))]
    }

    /// The input viewed as `[outer, n, inner]`, normalised over `n`.
    struct Layout {
        var outer: Int
        var n: Int
        var inner: Int
    }

    private func softmax<T: FloatElement, Exp: ElementOperation>(_ x: [T], _ layout: Layout, _ exp: Exp) -> [T]
    where Exp.Input == T, Exp.Output == T {
        let (n, inner) = (layout.n, layout.inner)
        guard x.count > 0, n > 0 else { return x }
        let block = n * inner
        let log = self.log
        return [T](pooledCapacity: x.count) { out, written in
            // Every element is written below; the element types are trivial.
            written = x.count
            x.withUnsafeBufferPointer { input in
                guard let src = input.baseAddress, let dst = out.baseAddress else { return }
                if inner == 1 && n < 16 && !log {
                    Self.normaliseShortRows(src, dst, rows: layout.outer, n, exp)
                } else if inner == 1 {
                    for row in 0..<layout.outer {
                        Self.normaliseRow(src + row * n, dst + row * n, n, log, exp)
                    }
                } else {
                    var maxes = [T](repeating: 0, count: inner)
                    var sums = [T](repeating: 0, count: inner)
                    for b in 0..<layout.outer {
                        Self.normaliseColumns(src + b * block, dst + b * block, n, inner, &maxes, &sums, log, exp)
                    }
                }
            }
        }
    }

    /// Softmax of many short rows (a classifier's few classes): one exp loop over the whole
    /// buffer vectorises, where a loop of a few elements per row does not.
    private static func normaliseShortRows<T: FloatElement, Exp: ElementOperation>(
        _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, rows: Int, _ n: Int, _ exp: Exp
    ) where Exp.Input == T, Exp.Output == T {
        for row in 0..<rows {
            let base = row * n
            let m = Self.max(x + base, n)
            for i in 0..<n { y[base + i] = x[base + i] - m }
        }
        for i in 0..<(rows * n) { y[i] = exp(y[i]) }
        for row in 0..<rows {
            let base = row * n
            let scale = 1 / Self.sum(y + base, n)
            for i in 0..<n { y[base + i] = y[base + i] * scale }
        }
    }

    /// Normalises `n` contiguous values.
    @inline(__always)
    private static func normaliseRow<T: FloatElement, Exp: ElementOperation>(
        _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int, _ log: Bool, _ exp: Exp
    ) where Exp.Input == T, Exp.Output == T {
        let m = Self.max(x, n)
        for i in 0..<n { y[i] = exp(x[i] - m) }
        let sum = Self.sum(y, n)
        if log {
            let shift = m + T.log(sum)
            for i in 0..<n { y[i] = x[i] - shift }
        } else {
            let scale = 1 / sum
            for i in 0..<n { y[i] = y[i] * scale }
        }
    }

    /// Normalises each of `inner` interleaved columns of length `n`, a row at a time so that
    /// every loop runs over contiguous memory.
    @inline(__always)
    private static func normaliseColumns<T: FloatElement, Exp: ElementOperation>(
        _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int, _ inner: Int,
        _ maxes: inout [T], _ sums: inout [T], _ log: Bool, _ exp: Exp
    ) where Exp.Input == T, Exp.Output == T {
        maxes.withUnsafeMutableBufferPointer { m in
            sums.withUnsafeMutableBufferPointer { s in
                for k in 0..<inner {
                    m[k] = x[k]
                    s[k] = 0
                }
                for j in 1..<n {
                    let row = x + j * inner
                    for k in 0..<inner { m[k] = row[k] > m[k] ? row[k] : m[k] }
                }
                for j in 0..<n {
                    let row = x + j * inner, outRow = y + j * inner
                    for k in 0..<inner {
                        let e = exp(row[k] - m[k])
                        outRow[k] = e
                        s[k] += e
                    }
                }
                if log {
                    for k in 0..<inner { m[k] += T.log(s[k]) }
                    for j in 0..<n {
                        let row = x + j * inner, outRow = y + j * inner
                        for k in 0..<inner { outRow[k] = row[k] - m[k] }
                    }
                } else {
                    for k in 0..<inner { s[k] = 1 / s[k] }
                    for j in 0..<n {
                        let outRow = y + j * inner
                        for k in 0..<inner { outRow[k] = outRow[k] * s[k] }
                    }
                }
            }
        }
    }

    /// The largest of `n` values (NaN is skipped unless first; it reaches the output anyway
    /// through `x - max`), with four accumulators.
    @inline(__always)
    private static func max<T: FloatElement>(_ x: UnsafePointer<T>, _ n: Int) -> T {
        var m0 = x[0], m1 = x[0], m2 = x[0], m3 = x[0]
        var i = 0
        while i + 4 <= n {
            m0 = x[i] > m0 ? x[i] : m0
            m1 = x[i + 1] > m1 ? x[i + 1] : m1
            m2 = x[i + 2] > m2 ? x[i + 2] : m2
            m3 = x[i + 3] > m3 ? x[i + 3] : m3
            i += 4
        }
        while i < n {
            m0 = x[i] > m0 ? x[i] : m0
            i += 1
        }
        m0 = m1 > m0 ? m1 : m0
        m2 = m3 > m2 ? m3 : m2
        return m2 > m0 ? m2 : m0
    }

    /// The sum of `n` values with four accumulators, which pipelines (and vectorises).
    @inline(__always)
    private static func sum<T: FloatElement>(_ y: UnsafeMutablePointer<T>, _ n: Int) -> T {
        var s0: T = 0, s1: T = 0, s2: T = 0, s3: T = 0
        var i = 0
        while i + 4 <= n {
            s0 += y[i]
            s1 += y[i + 1]
            s2 += y[i + 2]
            s3 += y[i + 3]
            i += 4
        }
        while i < n {
            s0 += y[i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }
}

private struct FastExp: ElementOperation {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { FastMath.exp(x) }
}

private struct PreciseExp<T: FloatElement>: ElementOperation {
    @inline(__always) func callAsFunction(_ x: T) -> T { T.exp(x) }
}
