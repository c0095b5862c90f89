import LastmileTensor

/// Gemm (opsets 1, 6, 7, 9, 11, 13): Y = alpha * op(A) * op(B) + beta * C for 2-D A and B,
/// with op transposing when `transA` / `transB` is set and C (optional from opset 11)
/// broadcast to [M, N]. Before opset 7, C broadcasts only when `broadcast=1`.
///
/// float32 and float64 make one OpenBLAS call that reads A and B in place (transposes are
/// BLAS flags, never copies) and accumulates into the output pre-filled with C; float16
/// computes in Float; integer types use a plain wrapping loop.
struct GemmKernel: Kernel {
    let transA: Bool
    let transB: Bool
    let alpha: Float
    let beta: Float
    let broadcastsC: Bool

    init(_ ctx: NodeContext) throws {
        transA = try ctx.int("transA", default: 0) != 0
        transB = try ctx.int("transB", default: 0) != 0
        alpha = try ctx.float("alpha", default: 1)
        beta = try ctx.float("beta", default: 1)
        broadcastsC = ctx.opset >= 7 ? true : try ctx.int("broadcast", default: 0) != 0
    }

    /// How C maps onto the [M, N] output.
    enum BiasLayout {
        case scalar
        /// One value per column (C is [N] or [1, N]).
        case row
        /// One value per row (C is [M, 1]).
        case column
        case full
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let a = try inputs.tensor(0)
        let b = try inputs.tensor(1)
        let c = try inputs.optionalTensor(2)
        guard a.rank == 2, b.rank == 2 else {
            throw OpError("Gemm needs 2-D A and B, got shapes \(a.shape) and \(b.shape)")
        }
        let (m, k) = transA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (kB, n) = transB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        guard k == kB else {
            throw OpError(
                "Gemm inner dimensions differ: A \(a.shape) (transA=\(transA ? 1 : 0)) has K = \(k), "
                    + "B \(b.shape) (transB=\(transB ? 1 : 0)) has K = \(kB)")
        }
        guard a.dtype == b.dtype, c.map({ $0.dtype == a.dtype }) ?? true else {
            throw OpError("Gemm inputs must have one type, got \(a.dtype), \(b.dtype)\(c.map { " and \($0.dtype)" } ?? "")")
        }
        _ = try ReductionAxes.checkedCount([m, n])
        let bias = try c.map { try biasLayout($0, m: m, n: n) }
        let shape = [m, n]
        let dims = Dims(m: m, n: n, k: k)
        switch (a.storage, b.storage) {
        case (.float32(let x), .float32(let y)):
            return [.tensor(Tensor(unchecked: shape, blas(x, y, c?.elements(Float.self), bias, dims)))]
        case (.float64(let x), .float64(let y)):
            return [.tensor(Tensor(unchecked: shape, blas(x, y, c?.elements(Double.self), bias, dims)))]
        case (.float16(let x), .float16(let y)):
            let z = c?.elements(Float16.self)?.map { Float($0) }
            let r = blas(x.map { Float($0) }, y.map { Float($0) }, z, bias, dims)
            return [.tensor(Tensor(unchecked: shape, r.map { Float16($0) }))]
        case (.int32(let x), .int32(let y)):
            return [.tensor(Tensor(unchecked: shape, loop(x, y, c?.elements(Int32.self), bias, dims)))]
        case (.int64(let x), .int64(let y)):
            return [.tensor(Tensor(unchecked: shape, loop(x, y, c?.elements(Int64.self), bias, dims)))]
        case (.uint32(let x), .uint32(let y)):
            return [.tensor(Tensor(unchecked: shape, loop(x, y, c?.elements(UInt32.self), bias, dims)))]
        case (.uint64(let x), .uint64(let y)):
            return [.tensor(Tensor(unchecked: shape, loop(x, y, c?.elements(UInt64.self), bias, dims)))]
        default:
            throw OpError("Gemm does not support \(a.dtype) tensors")
        }
    }

    struct Dims {
        var m: Int
        var n: Int
        var k: Int
    }

    private func biasLayout(_ c: Tensor, m: Int, n: Int) throws -> BiasLayout {
        if !broadcastsC {
            guard c.count == m * n else {
                throw OpError("Gemm C has shape \(c.shape) but broadcast=0 requires [\(m), \(n)]")
            }
            return .full
        }
        guard c.rank <= 2 else { throw OpError("Gemm C must have rank 2 or less, got shape \(c.shape)") }
        let cm = c.rank == 2 ? c.shape[0] : 1
        let cn = c.rank >= 1 ? c.shape[c.rank - 1] : 1
        guard cm == 1 || cm == m, cn == 1 || cn == n else {
            throw OpError("Gemm C of shape \(c.shape) does not broadcast to [\(m), \(n)]")
        }
        switch (cm == 1, cn == 1) {
        case (true, true): return .scalar
        case (true, false): return .row
        case (false, true): return .column
        case (false, false): return .full
        }
    }

    /// Writes C broadcast to [M, N] into uninitialised `out`.
    @inline(__always)
    private static func fill<T>(_ out: UnsafeMutablePointer<T>, _ c: UnsafeBufferPointer<T>, _ layout: BiasLayout, _ dims: Dims) {
        let (m, n) = (dims.m, dims.n)
        guard let src = c.baseAddress else { return }
        switch layout {
        case .scalar: out.initialize(repeating: src.pointee, count: m * n)
        case .row: for i in 0..<m { (out + i * n).initialize(from: src, count: n) }
        case .column: for i in 0..<m { (out + i * n).initialize(repeating: src[i], count: n) }
        case .full: out.initialize(from: src, count: m * n)
        }
    }

    private func blas<T: GemmElement>(_ a: [T], _ b: [T], _ c: [T]?, _ bias: BiasLayout?, _ dims: Dims) -> [T] {
        let (m, n, k) = (dims.m, dims.n, dims.k)
        let count = m * n
        return [T](pooledCapacity: count) { out, written in
            guard let o = out.baseAddress, count > 0 else { return }
            var beta = T(self.beta)
            if let c, let bias, beta != 0 {
                c.withUnsafeBufferPointer { Self.fill(o, $0, bias, dims) }
            } else {
                o.initialize(repeating: 0, count: count)
                beta = 0
            }
            if k == 0 {
                if beta != 1 { for i in 0..<count { o[i] = o[i] * beta } }
            } else {
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        guard let pa = pa.baseAddress, let pb = pb.baseAddress else { return }
                        T.blasGemm(
                            transA: transA, transB: transB, m: m, n: n, k: k,
                            alpha: T(alpha), a: pa, lda: transA ? m : k, b: pb, ldb: transB ? k : n,
                            beta: beta, c: o, ldc: n)
                    }
                }
            }
            written = count
        }
    }

    private func loop<T: IntegerElement>(_ a: [T], _ b: [T], _ c: [T]?, _ bias: BiasLayout?, _ dims: Dims) -> [T] {
        let (m, n, k) = (dims.m, dims.n, dims.k)
        let count = m * n
        let alpha = T(lossyDouble: Double(self.alpha))
        let beta = T(lossyDouble: Double(self.beta))
        return [T](pooledCapacity: count) { out, written in
            guard let o = out.baseAddress, count > 0 else { return }
            if let c, let bias {
                c.withUnsafeBufferPointer { Self.fill(o, $0, bias, dims) }
                for i in 0..<count { o[i] = o[i] &* beta }
            } else {
                o.initialize(repeating: 0, count: count)
            }
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    for i in 0..<m {
                        let row = o + i * n
                        for p in 0..<k {
                            let scaled = alpha &* pa[transA ? p * m + i : i * k + p]
                            if transB {
                                for j in 0..<n { row[j] = row[j] &+ scaled &* pb[j * k + p] }
                            } else {
                                let bRow = p * n
                                for j in 0..<n { row[j] = row[j] &+ scaled &* pb[bRow + j] }
                            }
                        }
                    }
                }
            }
            written = count
        }
    }
}
