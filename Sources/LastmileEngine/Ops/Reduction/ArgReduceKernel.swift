import LastmileTensor

/// The kernel behind ArgMax and ArgMin: the int64 index of the largest (smallest) element
/// along `axis`, the first one on ties unless `select_last_index=1` (opset 12+).
/// NaN elements are skipped, as in onnxruntime.
struct ArgReduceKernel: Kernel {
    let selectsMaximum: Bool
    let axis: Int
    let keepdims: Bool
    let selectLastIndex: Bool

    init(_ ctx: NodeContext, selectsMaximum: Bool) throws {
        self.selectsMaximum = selectsMaximum
        axis = try ctx.int("axis", default: 0)
        keepdims = try ctx.int("keepdims", default: 1) != 0
        selectLastIndex = ctx.opset >= 12 ? try ctx.int("select_last_index", default: 0) != 0 : false
    }

    private var opName: String { selectsMaximum ? "ArgMax" : "ArgMin" }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        try ReductionAxes.validate(x.shape)
        guard x.rank > 0 else {
            guard axis == 0 || axis == -1 else { throw OpError("axis \(axis) is out of range for a scalar") }
            return [.tensor(Tensor(scalar: Int64(0)))]
        }
        let a = try ReductionAxes.normalize(axis, rank: x.rank)
        let n = x.shape[a]
        let outer = Shape.count(Array(x.shape[..<a]))
        let inner = Shape.count(Array(x.shape[(a + 1)...]))
        var shape = x.shape
        if keepdims { shape[a] = 1 } else { shape.remove(at: a) }
        guard n > 0 || outer * inner == 0 else {
            throw OpError("\(opName) cannot reduce axis \(axis), which has size 0")
        }
        let indices: [Int64]
        switch x.storage {
        case .float32(let v): indices = dispatch(v, outer, n, inner)
        case .float64(let v): indices = dispatch(v, outer, n, inner)
        case .float16(let v): indices = dispatch(v, outer, n, inner)
        case .int8(let v): indices = dispatch(v, outer, n, inner)
        case .int16(let v): indices = dispatch(v, outer, n, inner)
        case .int32(let v): indices = dispatch(v, outer, n, inner)
        case .int64(let v): indices = dispatch(v, outer, n, inner)
        case .uint8(let v): indices = dispatch(v, outer, n, inner)
        case .uint16(let v): indices = dispatch(v, outer, n, inner)
        case .uint32(let v): indices = dispatch(v, outer, n, inner)
        case .uint64(let v): indices = dispatch(v, outer, n, inner)
        default: throw OpError("\(opName) does not support \(x.dtype) tensors")
        }
        return [.tensor(Tensor(unchecked: shape, indices))]
    }

    private func dispatch<T: Comparable>(_ x: [T], _ outer: Int, _ n: Int, _ inner: Int) -> [Int64] {
        switch (selectsMaximum, selectLastIndex) {
        case (true, false): Self.argReduce(x, outer, n, inner) { $0 > $1 }
        case (true, true): Self.argReduce(x, outer, n, inner) { $0 >= $1 }
        case (false, false): Self.argReduce(x, outer, n, inner) { $0 < $1 }
        case (false, true): Self.argReduce(x, outer, n, inner) { $0 <= $1 }
        }
    }

    /// For each of `outer x inner` positions, the index along the middle axis of length `n` of
    /// the element that wins `replaces(candidate, best)` when scanning in order.
    @inline(__always)
    private static func argReduce<T>(
        _ x: [T], _ outer: Int, _ n: Int, _ inner: Int, _ replaces: (T, T) -> Bool
    ) -> [Int64] {
        let count = outer * inner
        guard count > 0, x.count == count * n else { return [Int64](repeating: 0, count: count) }
        var result = [Int64](repeating: 0, count: count)
        x.withUnsafeBufferPointer { xb in
            result.withUnsafeMutableBufferPointer { out in
                if inner == 1 {
                    for o in 0..<outer {
                        let base = o * n
                        var best = xb[base]
                        var index = 0
                        for k in 1..<max(n, 1) where replaces(xb[base + k], best) {
                            best = xb[base + k]
                            index = k
                        }
                        out[o] = Int64(index)
                    }
                } else {
                    var best = [T](xb[0..<inner])
                    best.withUnsafeMutableBufferPointer { bestValues in
                        for o in 0..<outer {
                            let base = o * n * inner
                            let dst = o * inner
                            for j in 0..<inner { bestValues[j] = xb[base + j] }
                            for k in 1..<max(n, 1) {
                                let row = base + k * inner
                                for j in 0..<inner where replaces(xb[row + j], bestValues[j]) {
                                    bestValues[j] = xb[row + j]
                                    out[dst + j] = Int64(k)
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
