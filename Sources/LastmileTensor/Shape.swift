/// Helpers for row-major shapes, written as `[Int]` (dimension sizes, outermost first).
public enum Shape {
    /// The number of elements of a shape (1 for a scalar).
    @inlinable
    public static func count(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n &*= d }
        return n
    }

    /// Row-major strides, in elements.
    @inlinable
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step &*= shape[axis]
        }
        return strides
    }

    /// The numpy-style broadcast of two shapes, or an error naming both.
    public static func broadcast(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                out[i] = da
            } else if da == 1 {
                out[i] = db
            } else {
                throw TensorError(.shapeMismatch, "shapes \(a) and \(b) do not broadcast (dimension \(i): \(da) vs \(db))")
            }
        }
        return out
    }

    /// The broadcast of several shapes.
    public static func broadcast(_ shapes: [[Int]]) throws -> [Int] {
        var out: [Int] = []
        for shape in shapes { out = try broadcast(out, shape) }
        return out
    }

    /// Strides for reading a tensor of `shape` as if broadcast to `target` (0 on broadcast axes).
    @inlinable
    public static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let offset = target.count - shape.count
        var out = [Int](repeating: 0, count: target.count)
        for i in 0..<shape.count where shape[i] != 1 {
            out[i + offset] = own[i]
        }
        return out
    }

    /// Normalises a possibly negative axis for a given rank, or throws naming the axis.
    public static func axis(_ axis: Int, rank: Int) throws -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < max(rank, 1) else {
            throw TensorError(.invalidArgument, "axis \(axis) is out of range for rank \(rank)")
        }
        return a
    }
}
