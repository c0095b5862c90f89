/// Layout operations that move elements without arithmetic, for every element type.
extension Tensor {
    /// The tensor with its axes permuted: output axis i is input axis `perm[i]`.
    public func transposed(_ perm: [Int]) throws -> Tensor {
        guard perm.count == rank, Set(perm) == Set(0..<rank) else {
            throw TensorError(.invalidArgument, "perm \(perm) is not a permutation of the \(rank) axes of \(shape)")
        }
        if perm == Array(0..<rank) { return self }
        let outShape = perm.map { shape[$0] }
        let inStrides = Shape.strides(shape)
        let readStrides = perm.map { inStrides[$0] }
        let storage = try self.storage.transformed(StridedGather(shape: outShape, strides: readStrides, offset: 0))
        return Tensor(uncheckedShape: outShape, storage: storage)
    }

    /// The tensor broadcast to `target` (numpy `broadcast_to`).
    public func broadcast(to target: [Int]) throws -> Tensor {
        let shape = try Shape.broadcast(self.shape, target)
        if shape == self.shape { return self }
        let strides = Shape.broadcastStrides(self.shape, to: shape)
        return Tensor(uncheckedShape: shape, storage: try storage.transformed(StridedGather(shape: shape, strides: strides, offset: 0)))
    }
}

/// Reads elements at `offset + sum(index[i] * strides[i])` for every index of `shape`, in
/// row-major order: the one primitive behind transpose, broadcast, slice and expand.
public struct StridedGather: ElementTransform {
    public var shape: [Int]
    public var strides: [Int]
    public var offset: Int

    public init(shape: [Int], strides: [Int], offset: Int) {
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    public func apply<T: TensorElement>(_ values: [T]) -> [T] {
        let n = Shape.count(shape)
        var out: [T] = []
        out.reserveCapacity(n)
        values.withUnsafeBufferPointer { src in
            Broadcast.forEachRun(shape, [strides]) { start, inner, step in
                var p = start[0] + offset
                let s = step[0]
                for _ in 0..<inner {
                    out.append(src[p])
                    p += s
                }
            }
        }
        return out
    }
}
