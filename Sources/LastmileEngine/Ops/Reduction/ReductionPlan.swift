import LastmileTensor

/// How to walk a row-major tensor to reduce some of its axes, computed once per input shape.
///
/// Axes of size 1 are dropped and neighbouring axes that are both reduced or both kept are
/// merged, so the common cases (reduce the trailing axes, a middle block, or the leading axes)
/// become one `outer x reduced x inner` block walk with contiguous inner loops.
struct ReductionPlan {
    enum Layout {
        /// The input is `outer x reduced x inner`; the output is `outer x inner`.
        case blocks(outer: Int, reduced: Int, inner: Int)
        /// Any other pattern: the merged input dimensions and, for each, the output stride
        /// (0 on reduced dimensions).
        case general(dims: [Int], outputStrides: [Int])
    }

    let inputShape: [Int]
    /// The output shape with the reduced axes kept as 1 (the `keepdims=1` shape).
    let keptShape: [Int]
    /// The output shape the node produces.
    let outputShape: [Int]
    let outputCount: Int
    /// How many input elements feed each output element.
    let reducedCount: Int
    let layout: Layout

    /// A plan reducing `axes` (normalised, in range; empty reduces every axis) of `shape`.
    init(shape: [Int], axes: [Int], keepdims: Bool) {
        let rank = shape.count
        var isReduced = [Bool](repeating: axes.isEmpty, count: rank)
        for axis in axes where axis >= 0 && axis < rank { isReduced[axis] = true }

        var kept: [Int] = []
        var output: [Int] = []
        var reducedCount = 1
        for i in 0..<rank {
            if isReduced[i] {
                kept.append(1)
                if keepdims { output.append(1) }
                reducedCount &*= shape[i]
            } else {
                kept.append(shape[i])
                output.append(shape[i])
            }
        }
        inputShape = shape
        keptShape = kept
        outputShape = output
        outputCount = Shape.count(output)
        self.reducedCount = reducedCount

        var dims: [Int] = []
        var flags: [Bool] = []
        for i in 0..<rank where shape[i] != 1 {
            if let last = flags.last, last == isReduced[i] {
                dims[dims.count - 1] &*= shape[i]
            } else {
                dims.append(shape[i])
                flags.append(isReduced[i])
            }
        }
        switch flags {
        case []: layout = .blocks(outer: 1, reduced: 1, inner: 1)
        case [false]: layout = .blocks(outer: 1, reduced: 1, inner: dims[0])
        case [true]: layout = .blocks(outer: 1, reduced: dims[0], inner: 1)
        case [false, true]: layout = .blocks(outer: dims[0], reduced: dims[1], inner: 1)
        case [true, false]: layout = .blocks(outer: 1, reduced: dims[0], inner: dims[1])
        case [false, true, false]: layout = .blocks(outer: dims[0], reduced: dims[1], inner: dims[2])
        default:
            var strides = [Int](repeating: 0, count: dims.count)
            var step = 1
            for i in stride(from: dims.count - 1, through: 0, by: -1) where !flags[i] {
                strides[i] = step
                step &*= dims[i]
            }
            layout = .general(dims: dims, outputStrides: strides)
        }
    }

    /// Reduces `x` (of `inputShape`) with `op`, giving `outputCount` elements in row-major order.
    func reduce<Op: ReduceOperation>(_ x: [Op.Element], _ op: Op) -> [Op.Element] {
        let n = outputCount
        return [Op.Element](pooledCapacity: n) { out, written in
            guard let o = out.baseAddress else { return }
            x.withUnsafeBufferPointer { xb in
                guard let src = xb.baseAddress, reducedCount > 0, xb.count == n * reducedCount else {
                    o.initialize(repeating: op.identity, count: n)
                    return
                }
                switch layout {
                case .blocks(let outer, let reduced, let inner):
                    if inner == 1 {
                        for i in 0..<outer {
                            (o + i).initialize(to: Self.reduceRun(src + i * reduced, reduced, op))
                        }
                    } else {
                        for i in 0..<outer {
                            let dst = o + i * inner
                            let row = src + i * reduced * inner
                            for j in 0..<inner { (dst + j).initialize(to: op.combine(op.identity, op.map(row[j]))) }
                            var k = 1
                            while k < reduced {
                                let next = row + k * inner
                                for j in 0..<inner { dst[j] = op.combine(dst[j], op.map(next[j])) }
                                k += 1
                            }
                        }
                    }
                case .general(let dims, let outputStrides):
                    o.initialize(repeating: op.identity, count: n)
                    var p = src
                    Broadcast.forEachRun(dims, [outputStrides]) { offsets, inner, steps in
                        let dst = o + offsets[0]
                        if steps[0] == 0 {
                            dst.pointee = op.combine(dst.pointee, Self.reduceRun(p, inner, op))
                        } else {
                            for j in 0..<inner { dst[j] = op.combine(dst[j], op.map(p[j])) }
                        }
                        p += inner
                    }
                }
            }
            written = n
        }
    }

    /// Reduces `count` contiguous elements with four independent accumulators, so the loop is
    /// not bound by the latency of one long dependency chain.
    @inline(__always)
    static func reduceRun<Op: ReduceOperation>(_ p: UnsafePointer<Op.Element>, _ count: Int, _ op: Op) -> Op.Element {
        var a0 = op.identity, a1 = a0, a2 = a0, a3 = a0
        var i = 0
        while i + 4 <= count {
            a0 = op.combine(a0, op.map(p[i]))
            a1 = op.combine(a1, op.map(p[i + 1]))
            a2 = op.combine(a2, op.map(p[i + 2]))
            a3 = op.combine(a3, op.map(p[i + 3]))
            i += 4
        }
        while i < count {
            a0 = op.combine(a0, op.map(p[i]))
            i += 1
        }
        return op.combine(op.combine(a0, a1), op.combine(a2, a3))
    }
}
