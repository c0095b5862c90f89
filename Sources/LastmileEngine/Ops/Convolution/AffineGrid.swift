import LastmileTensor

/// AffineGrid (opset 20): the sampling grid of GridSample for a batch of affine matrices:
/// theta N x 2 x 3 gives an N x H x W x 2 grid for size (N, C, H, W); N x 3 x 4 gives
/// N x D x H x W x 3 for (N, C, D, H, W). Coordinates are normalised to [-1, 1], at pixel
/// centres unless align_corners is 1.
struct AffineGridKernel: Kernel {
    let alignCorners: Bool

    init(_ ctx: NodeContext) throws {
        alignCorners = try ctx.int("align_corners", default: 0) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let theta = try inputs.tensor(0)
        let size = try TensorOps.integers(try inputs.tensor(1), "size")
        guard size.count == 4 || size.count == 5 else { throw OpError("size \(size) must have 4 or 5 values") }
        let dims = size.count - 2
        let spatial = Array(size[2...])
        guard spatial.allSatisfy({ $0 >= 0 }) else { throw OpError("size \(size) must not be negative") }
        guard theta.shape == [size[0], dims, dims + 1] else {
            throw OpError("theta \(theta.shape) must be \([size[0], dims, dims + 1]) for size \(size)")
        }
        let shape = [size[0]] + spatial + [dims]
        let total = try TensorOps.elementCount(shape)
        switch theta.storage {
        case .float32(let t): return [.tensor(try Tensor(shape: shape, elements: grid(t, size[0], spatial, total)))]
        case .float64(let t): return [.tensor(try Tensor(shape: shape, elements: grid(t, size[0], spatial, total)))]
        case .float16(let t):
            let y = grid(t.map { Float($0) }, size[0], spatial, total)
            return [.tensor(try Tensor(shape: shape, elements: y.map { Float16($0) }))]
        default: throw OpError.unsupported("AffineGrid does not support \(theta.dtype) tensors")
        }
    }

    /// The normalised coordinate of index `i` of an axis of length `n`.
    private func coordinate<T: FloatElement>(_ i: Int, _ n: Int) -> T {
        if alignCorners { return n <= 1 ? -1 : T(-1) + T(2 * i) / T(n - 1) }
        return T(2 * i + 1) / T(n) - 1
    }

    private func grid<T: FloatElement>(_ theta: [T], _ batch: Int, _ spatial: [Int], _ total: Int) -> [T] {
        let dims = spatial.count
        let points = Shape.count(spatial)
        var out = [T](repeating: .zero, count: total)
        var position = [T](repeating: .zero, count: dims + 1)
        var index = [Int](repeating: 0, count: dims)
        var o = 0
        for n in 0..<batch {
            let matrix = n * dims * (dims + 1)
            for p in 0..<points {
                var rest = p
                for a in stride(from: dims - 1, through: 0, by: -1) {
                    index[a] = rest % spatial[a]
                    rest /= spatial[a]
                }
                // Homogeneous point (x, y[, z], 1): x runs along the last axis.
                for a in 0..<dims { position[a] = coordinate(index[dims - 1 - a], spatial[dims - 1 - a]) }
                position[dims] = 1
                for r in 0..<dims {
                    var sum = T.zero
                    for c in 0...dims { sum += theta[matrix + r * (dims + 1) + c] * position[c] }
                    out[o] = sum
                    o += 1
                }
            }
        }
        return out
    }
}
