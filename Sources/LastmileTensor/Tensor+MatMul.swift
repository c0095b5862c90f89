/// Matrix multiplication with numpy `matmul` semantics.
extension Tensor {
    /// The numpy `matmul` of two numeric tensors of the same type: 1-D operands are promoted
    /// to matrices and the added axis removed again; leading (batch) axes broadcast.
    /// float32 and float64 go through OpenBLAS; other numeric types use a plain loop.
    public static func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.dtype == b.dtype else {
            throw TensorError(.typeMismatch, "matmul operands have different types: \(a.dtype) and \(b.dtype)")
        }
        guard a.rank >= 1, b.rank >= 1 else {
            throw TensorError(.shapeMismatch, "matmul needs operands of rank 1 or more, got \(a.shape) and \(b.shape)")
        }
        let aShape = a.rank == 1 ? [1, a.shape[0]] : a.shape
        let bShape = b.rank == 1 ? [b.shape[0], 1] : b.shape
        let m = aShape[aShape.count - 2], k = aShape[aShape.count - 1]
        let k2 = bShape[bShape.count - 2], n = bShape[bShape.count - 1]
        guard k == k2 else {
            throw TensorError(.shapeMismatch, "matmul inner dimensions differ: \(a.shape) x \(b.shape) (\(k) vs \(k2))")
        }
        let aBatch = Array(aShape.dropLast(2)), bBatch = Array(bShape.dropLast(2))
        let batch = try Shape.broadcast(aBatch, bBatch)
        var outShape = batch + [m, n]
        let batches = Shape.count(batch)
        let aOffsets = batchOffsets(aBatch, to: batch, matrix: m * k)
        let bOffsets = batchOffsets(bBatch, to: batch, matrix: k * n)

        let storage: TensorStorage
        switch (a.storage, b.storage) {
        case (.float32(let x), .float32(let y)):
            storage = .float32(gemmBatches(x, y, m, n, k, batches, aOffsets, bOffsets))
        case (.float64(let x), .float64(let y)):
            storage = .float64(gemmBatches(x, y, m, n, k, batches, aOffsets, bOffsets))
        case (.float16(let x), .float16(let y)):
            let r = gemmBatches(x.map(Float.init), y.map(Float.init), m, n, k, batches, aOffsets, bOffsets)
            storage = .float16(r.map(Float16.init))
        case (.int32(let x), .int32(let y)): storage = .int32(loopBatches(x, y, m, n, k, batches, aOffsets, bOffsets))
        case (.int64(let x), .int64(let y)): storage = .int64(loopBatches(x, y, m, n, k, batches, aOffsets, bOffsets))
        case (.uint32(let x), .uint32(let y)): storage = .uint32(loopBatches(x, y, m, n, k, batches, aOffsets, bOffsets))
        case (.uint64(let x), .uint64(let y)): storage = .uint64(loopBatches(x, y, m, n, k, batches, aOffsets, bOffsets))
        case (.int8(let x), .int8(let y)): storage = .int8(loopBatches(x, y, m, n, k, batches, aOffsets, bOffsets))
        case (.uint8(let x), .uint8(let y)): storage = .uint8(loopBatches(x, y, m, n, k, batches, aOffsets, bOffsets))
        case (.int16(let x), .int16(let y)): storage = .int16(loopBatches(x, y, m, n, k, batches, aOffsets, bOffsets))
        case (.uint16(let x), .uint16(let y)): storage = .uint16(loopBatches(x, y, m, n, k, batches, aOffsets, bOffsets))
        default:
            throw TensorError(.typeMismatch, "matmul does not apply to \(a.dtype) tensors")
        }
        if a.rank == 1 { outShape.remove(at: outShape.count - 2) }
        if b.rank == 1 { outShape.removeLast() }
        return Tensor(uncheckedShape: outShape, storage: storage)
    }

    /// The element offset of each batch's matrix when `shape` is broadcast to `batch`.
    private static func batchOffsets(_ shape: [Int], to batch: [Int], matrix: Int) -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(Shape.count(batch))
        Broadcast.forEachRun(batch, [Shape.broadcastStrides(shape, to: batch)]) { start, inner, step in
            for i in 0..<inner { offsets.append((start[0] + i * step[0]) * matrix) }
        }
        if batch.isEmpty { return [0] }
        return offsets
    }

    private static func gemmBatches(
        _ a: [Float], _ b: [Float], _ m: Int, _ n: Int, _ k: Int, _ batches: Int, _ ao: [Int], _ bo: [Int]
    ) -> [Float] {
        [Float](pooledCapacity: batches * m * n) { out, written in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    guard let c = out.baseAddress, batches * m * n > 0 else { return }
                    if k == 0 { c.initialize(repeating: 0, count: batches * m * n); return }
                    for i in 0..<batches {
                        BLAS.gemm(transA: false, transB: false, m: m, n: n, k: k, alpha: 1,
                                  a: pa.baseAddress! + ao[i], lda: k, b: pb.baseAddress! + bo[i], ldb: n,
                                  beta: 0, c: c + i * m * n, ldc: n)
                    }
                }
            }
            written = batches * m * n
        }
    }

    private static func gemmBatches(
        _ a: [Double], _ b: [Double], _ m: Int, _ n: Int, _ k: Int, _ batches: Int, _ ao: [Int], _ bo: [Int]
    ) -> [Double] {
        [Double](pooledCapacity: batches * m * n) { out, written in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    guard let c = out.baseAddress, batches * m * n > 0 else { return }
                    if k == 0 { c.initialize(repeating: 0, count: batches * m * n); return }
                    for i in 0..<batches {
                        BLAS.gemm(transA: false, transB: false, m: m, n: n, k: k, alpha: 1,
                                  a: pa.baseAddress! + ao[i], lda: k, b: pb.baseAddress! + bo[i], ldb: n,
                                  beta: 0, c: c + i * m * n, ldc: n)
                    }
                }
            }
            written = batches * m * n
        }
    }

    private static func loopBatches<T: NumericElement>(
        _ a: [T], _ b: [T], _ m: Int, _ n: Int, _ k: Int, _ batches: Int, _ ao: [Int], _ bo: [Int]
    ) -> [T] where T: FixedWidthInteger {
        var out = [T](repeating: 0, count: batches * m * n)
        for batch in 0..<batches {
            let base = batch * m * n
            for i in 0..<m {
                for p in 0..<k {
                    let x = a[ao[batch] + i * k + p]
                    for j in 0..<n {
                        out[base + i * n + j] &+= x &* b[bo[batch] + p * n + j]
                    }
                }
            }
        }
        return out
    }
}
