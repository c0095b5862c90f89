/// Elementwise kernels with numpy-style broadcasting.
///
/// The closures are inlined into each caller's specialisation (the functions are `@inlinable`),
/// and the inner loop runs over raw buffers with a constant stride, which LLVM vectorises when
/// both strides are 1.
public enum Broadcast {
    /// Applies `op` to the elements of `a` and `b` broadcast against each other.
    @inlinable
    public static func map<A, B, R: TensorElement>(
        _ a: [A], _ aShape: [Int], _ b: [B], _ bShape: [Int], _ op: (A, B) -> R
    ) throws -> Tensor {
        if aShape == bShape {
            let values = [R](pooledCapacity: a.count) { out, written in
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        for i in 0..<pa.count { out.initializeElement(at: i, to: op(pa[i], pb[i])) }
                    }
                }
                written = a.count
            }
            return Tensor(unchecked: aShape, values)
        }
        let shape = try Shape.broadcast(aShape, bShape)
        let n = Shape.count(shape)
        if b.count == 1 && a.count == n {
            let s = b[0]
            let values = [R](pooledCapacity: n) { out, written in
                a.withUnsafeBufferPointer { pa in
                    for i in 0..<n { out.initializeElement(at: i, to: op(pa[i], s)) }
                }
                written = n
            }
            return Tensor(unchecked: shape, values)
        }
        if a.count == 1 && b.count == n {
            let s = a[0]
            let values = [R](pooledCapacity: n) { out, written in
                b.withUnsafeBufferPointer { pb in
                    for i in 0..<n { out.initializeElement(at: i, to: op(s, pb[i])) }
                }
                written = n
            }
            return Tensor(unchecked: shape, values)
        }
        let sa = Shape.broadcastStrides(aShape, to: shape)
        let sb = Shape.broadcastStrides(bShape, to: shape)
        let values = [R](pooledCapacity: n) { out, written in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    var o = 0
                    forEachRun(shape, [sa, sb]) { offsets, inner, steps in
                        var ia = offsets[0], ib = offsets[1]
                        let da = steps[0], db = steps[1]
                        for _ in 0..<inner {
                            out.initializeElement(at: o, to: op(pa[ia], pb[ib]))
                            o += 1
                            ia += da
                            ib += db
                        }
                    }
                }
            }
            written = n
        }
        return Tensor(unchecked: shape, values)
    }

    /// Applies `op` to three broadcast operands (Where, Clip with tensor bounds).
    @inlinable
    public static func map<A, B, C, R: TensorElement>(
        _ a: [A], _ aShape: [Int], _ b: [B], _ bShape: [Int], _ c: [C], _ cShape: [Int],
        _ op: (A, B, C) -> R
    ) throws -> Tensor {
        let shape = try Shape.broadcast([aShape, bShape, cShape])
        let n = Shape.count(shape)
        let strides = [aShape, bShape, cShape].map { Shape.broadcastStrides($0, to: shape) }
        let values = [R](pooledCapacity: n) { out, written in
            var o = 0
            forEachRun(shape, strides) { offsets, inner, steps in
                var ia = offsets[0], ib = offsets[1], ic = offsets[2]
                for _ in 0..<inner {
                    out.initializeElement(at: o, to: op(a[ia], b[ib], c[ic]))
                    o += 1
                    ia += steps[0]
                    ib += steps[1]
                    ic += steps[2]
                }
            }
            written = n
        }
        return Tensor(unchecked: shape, values)
    }

    /// Calls `body` once per run of the innermost axis of `shape`, in row-major order, with the
    /// start offset of each operand (read with its `strides`), the run length and each
    /// operand's stride along the run.
    @inlinable
    public static func forEachRun(
        _ shape: [Int], _ strides: [[Int]], _ body: (_ offsets: [Int], _ inner: Int, _ steps: [Int]) -> Void
    ) {
        let n = Shape.count(shape)
        guard n > 0 else { return }
        let rank = shape.count
        guard rank > 0 else {
            body([Int](repeating: 0, count: strides.count), 1, [Int](repeating: 0, count: strides.count))
            return
        }
        let inner = shape[rank - 1]
        let steps = strides.map { $0[rank - 1] }
        var index = [Int](repeating: 0, count: rank)
        var offsets = [Int](repeating: 0, count: strides.count)
        for _ in 0..<(n / inner) {
            body(offsets, inner, steps)
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                for k in 0..<strides.count { offsets[k] += strides[k][d] }
                if index[d] < shape[d] { break }
                for k in 0..<strides.count { offsets[k] -= strides[k][d] * shape[d] }
                index[d] = 0
                d -= 1
            }
        }
    }
}
