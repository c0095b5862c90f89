import LastmileTensor

/// An operation on one element, for `Elementwise.map`.
///
/// Loops take operations as generic values rather than closures: generic specialisation always
/// inlines the operation into the loop, which a closure passed down a few calls does not get.
protocol ElementOperation {
    associatedtype Input
    associatedtype Output
    func callAsFunction(_ x: Input) -> Output
}

/// An operation on two elements, for `Elementwise.zip`.
protocol ElementPairOperation {
    associatedtype Left
    associatedtype Right
    associatedtype Output: TensorElement
    func callAsFunction(_ a: Left, _ b: Right) -> Output
}

/// Whole-array loops for elementwise kernels: unary maps and numpy-style broadcasting of two
/// operands.
///
/// The binary loop first drops size-1 output axes and merges adjacent axes that broadcast the
/// same way, so `[N, C, H, W] + [C, 1, 1]` runs as `[N, C, H*W]` with a scalar inner operand;
/// every inner loop then has constant unit or zero strides and vectorises.
enum Elementwise {
    /// `op` applied to every element of `values`.
    @inlinable
    static func map<Op: ElementOperation>(_ values: [Op.Input], _ op: Op) -> [Op.Output] {
        let n = values.count
        return [Op.Output](pooledCapacity: n) { out, written in
            values.withUnsafeBufferPointer { input in
                // Plain local pointers: through the inout buffer LLVM reloads the base address
                // after every store and does not vectorise.
                guard let dst = out.baseAddress, let src = input.baseAddress else { return }
                for i in 0..<n { (dst + i).initialize(to: op(src[i])) }
            }
            written = n
        }
    }

    /// `body` applied to every element of `values`; for short closures at their call site.
    @inline(__always)
    static func map<T, R>(_ values: [T], _ body: (T) -> R) -> [R] {
        let n = values.count
        return [R](pooledCapacity: n) { out, written in
            values.withUnsafeBufferPointer { input in
                guard let dst = out.baseAddress, let src = input.baseAddress else { return }
                for i in 0..<n { (dst + i).initialize(to: body(src[i])) }
            }
            written = n
        }
    }

    /// The numpy broadcast of two shapes, as an `OpError` when they do not broadcast.
    static func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        do {
            return try Shape.broadcast(a, b)
        } catch let error as TensorError {
            throw OpError(error.message)
        }
    }

    /// The numpy broadcast of several shapes, as an `OpError` when they do not broadcast.
    static func broadcastShape(_ shapes: [[Int]]) throws -> [Int] {
        var out: [Int] = []
        for shape in shapes { out = try broadcastShape(out, shape) }
        return out
    }

    /// `op` applied to the elements of `a` and `b` broadcast against each other.
    @inlinable
    static func zip<Op: ElementPairOperation>(
        _ a: [Op.Left], _ aShape: [Int], _ b: [Op.Right], _ bShape: [Int], _ op: Op
    ) throws -> Tensor {
        let shape = aShape == bShape ? aShape : try broadcastShape(aShape, bShape)
        let n = Shape.count(shape)
        guard a.count > 0, b.count > 0, n > 0 else { return Tensor(unchecked: shape, [Op.Output]()) }
        let values = [Op.Output](pooledCapacity: n) { out, written in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    guard let out = out.baseAddress, let pa = pa.baseAddress, let pb = pb.baseAddress else { return }
                    // Same shapes and scalar operands, the common cases, need no plan.
                    if a.count == n && b.count == n {
                        run(out, pa, 1, pb, 1, n, op)
                    } else if b.count == 1 && a.count == n {
                        run(out, pa, 1, pb, 0, n, op)
                    } else if a.count == 1 && b.count == n {
                        run(out, pa, 0, pb, 1, n, op)
                    } else {
                        broadcast(out, pa, aShape, pb, bShape, shape, n, op)
                    }
                }
            }
            written = n
        }
        return Tensor(unchecked: shape, values)
    }

    /// Writes `count` results, each operand read with stride 1 or 0 (broadcast).
    ///
    /// Pointers are offset by the caller, never indexed with offsets here: checked index
    /// arithmetic inside the loops would stop them from vectorising.
    @inline(__always) @usableFromInline
    static func run<Op: ElementPairOperation>(
        _ dst: UnsafeMutablePointer<Op.Output>, _ x: UnsafePointer<Op.Left>, _ stepX: Int,
        _ y: UnsafePointer<Op.Right>, _ stepY: Int, _ count: Int, _ op: Op
    ) {
        switch (stepX, stepY) {
        case (1, 1):
            for i in 0..<count { (dst + i).initialize(to: op(x[i], y[i])) }
        case (1, _):
            let s = y[0]
            for i in 0..<count { (dst + i).initialize(to: op(x[i], s)) }
        default:
            let s = x[0]
            for i in 0..<count { (dst + i).initialize(to: op(s, y[i])) }
        }
    }

    /// The general broadcast: one `run` per innermost collapsed axis.
    @usableFromInline
    static func broadcast<Op: ElementPairOperation>(
        _ out: UnsafeMutablePointer<Op.Output>, _ pa: UnsafePointer<Op.Left>, _ aShape: [Int],
        _ pb: UnsafePointer<Op.Right>, _ bShape: [Int], _ shape: [Int], _ n: Int, _ op: Op
    ) {
        let plan = BroadcastPlan(shape, aShape, bShape)
        let inner = plan.inner
        let outer = plan.dims.count - 1
        var index = [Int](repeating: 0, count: max(outer, 1))
        var ia = 0, ib = 0, o = 0
        while o < n {
            run(out + o, pa + ia, plan.innerStepA, pb + ib, plan.innerStepB, inner, op)
            o += inner
            var d = outer - 1
            while d >= 0 {
                index[d] += 1
                ia += plan.stridesA[d]
                ib += plan.stridesB[d]
                if index[d] < plan.dims[d] { break }
                ia -= plan.stridesA[d] * plan.dims[d]
                ib -= plan.stridesB[d] * plan.dims[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}

/// How two row-major operands map onto their broadcast output, with axes collapsed.
///
/// After collapsing, the innermost axis is never broadcast in both operands, so each operand
/// steps through it with stride 1 (read) or 0 (broadcast).
@usableFromInline
struct BroadcastPlan {
    /// Collapsed output dimensions, outermost first; the last one is the run length.
    @usableFromInline let dims: [Int]
    @usableFromInline let stridesA: [Int]
    @usableFromInline let stridesB: [Int]

    @usableFromInline var inner: Int { dims.last ?? 1 }
    @usableFromInline var innerStepA: Int { stridesA.last ?? 0 }
    @usableFromInline var innerStepB: Int { stridesB.last ?? 0 }

    /// The plan for operands of `aShape` and `bShape` broadcast to `shape` (their broadcast).
    @usableFromInline
    init(_ shape: [Int], _ aShape: [Int], _ bShape: [Int]) {
        let rank = shape.count
        let padA = [Int](repeating: 1, count: rank - aShape.count) + aShape
        let padB = [Int](repeating: 1, count: rank - bShape.count) + bShape
        var dims: [Int] = []
        var readsA: [Bool] = []
        var readsB: [Bool] = []
        for axis in 0..<rank where shape[axis] != 1 {
            let ra = padA[axis] != 1, rb = padB[axis] != 1
            if let last = dims.indices.last, readsA[last] == ra, readsB[last] == rb {
                dims[last] *= shape[axis]
            } else {
                dims.append(shape[axis])
                readsA.append(ra)
                readsB.append(rb)
            }
        }
        if dims.isEmpty {
            dims = [1]
            readsA = [true]
            readsB = [true]
        }
        var sa = [Int](repeating: 0, count: dims.count)
        var sb = [Int](repeating: 0, count: dims.count)
        var stepA = 1, stepB = 1
        for d in stride(from: dims.count - 1, through: 0, by: -1) {
            if readsA[d] {
                sa[d] = stepA
                stepA *= dims[d]
            }
            if readsB[d] {
                sb[d] = stepB
                stepB *= dims[d]
            }
        }
        self.dims = dims
        self.stridesA = sa
        self.stridesB = sb
    }
}
