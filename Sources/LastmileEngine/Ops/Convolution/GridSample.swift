import LastmileTensor

/// GridSample (opsets 16, 20, 22): samples an N x C x D1 x ... input at the normalised
/// coordinates of an N x O1 x ... x r grid (x first), by nearest, (bi/tri)linear or
/// (bi)cubic interpolation, with zeros, border or reflection padding.
struct GridSampleKernel: Kernel {
    enum Mode: Sendable { case nearest, linear, cubic }
    enum Padding: String, Sendable { case zeros, border, reflection }
    let mode: Mode
    let padding: Padding
    let alignCorners: Bool

    init(_ ctx: NodeContext) throws {
        let raw = try ctx.string("mode", default: ctx.opset < 20 ? "bilinear" : "linear")
        switch raw {
        case "nearest": mode = .nearest
        case "linear", "bilinear": mode = .linear
        case "cubic", "bicubic": mode = .cubic
        default: throw OpError("mode \"\(raw)\" is not one of nearest, linear, cubic")
        }
        let rawPadding = try ctx.string("padding_mode", default: "zeros")
        guard let padding = Padding(rawValue: rawPadding) else {
            throw OpError("padding_mode \"\(rawPadding)\" is not one of zeros, border, reflection")
        }
        self.padding = padding
        alignCorners = try ctx.int("align_corners", default: 0) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let grid = try inputs.tensor(1)
        let spatial = try WindowChecks.spatialShape(x, op: "GridSample")
        let dims = spatial.count
        guard grid.rank == x.rank, grid.shape[0] == x.shape[0], grid.shape[x.rank - 1] == dims else {
            throw OpError("GridSample grid \(grid.shape) must be N x ... x \(dims) for input \(x.shape)")
        }
        guard let coordinates = grid.doubles, grid.dtype.isFloatingPoint else {
            throw OpError("GridSample grid must be a float tensor, got \(grid.dtype)")
        }
        let points = Array(grid.shape[1..<(grid.rank - 1)])
        let shape = Array(x.shape[0..<2]) + points
        _ = try TensorOps.elementCount(shape)
        switch x.storage {
        case .float32(let a):
            return [.tensor(try Tensor(shape: shape, elements: sample(a.map { Double($0) }, x.shape, coordinates, points).map { Float($0) }))]
        case .float64(let a):
            return [.tensor(try Tensor(shape: shape, elements: sample(a, x.shape, coordinates, points)))]
        case .float16(let a):
            return [.tensor(try Tensor(shape: shape, elements: sample(a.map { Double($0) }, x.shape, coordinates, points).map { Float16($0) }))]
        default: throw OpError.unsupported("GridSample does not support \(x.dtype) tensors")
        }
    }

    private func reflect(_ v: Double, _ lo: Double, _ hi: Double) -> Double {
        let range = hi - lo
        guard range > 0 else { return lo }
        if v < lo {
            let d = lo - v, n = (d / range).rounded(.towardZero), r = d - n * range
            return Int(n) % 2 == 0 ? lo + r : hi - r
        }
        if v > hi {
            let d = v - hi, n = (d / range).rounded(.towardZero), r = d - n * range
            return Int(n) % 2 == 0 ? hi - r : lo + r
        }
        return v
    }

    /// The in-range index that integer position `i` reads on an axis of `size`, or -1 for zero.
    private func resolve(_ i: Int, _ size: Int, _ lo: Double, _ hi: Double) -> Int {
        switch padding {
        case .zeros: return i >= 0 && i < size ? i : -1
        case .border: return min(max(i, 0), size - 1)
        case .reflection: return min(max(Int(reflect(Double(i), lo, hi)), 0), size - 1)
        }
    }

    private func cubic(_ t: Double) -> Double {
        let x = abs(t), a = -0.75
        if x <= 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
        if x < 2 { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
        return 0
    }

    private func sample(_ x: [Double], _ shape: [Int], _ grid: [Double], _ points: [Int]) -> [Double] {
        let batch = shape[0], channels = shape[1]
        let spatial = Array(shape[2...])
        let dims = spatial.count
        let planeSize = Shape.count(spatial)
        let strides = Shape.strides(spatial)
        let pointCount = Shape.count(points)
        let lo: [Double] = spatial.map { _ in alignCorners ? 0 : -0.5 }
        let hi = spatial.map { alignCorners ? Double($0 - 1) : Double($0) - 0.5 }
        let tapCount = mode == .nearest ? 1 : (mode == .linear ? 2 : 4)
        let combos = Shape.count([Int](repeating: tapCount, count: dims))
        var out = [Double](repeating: 0, count: batch * channels * pointCount)
        var indices = [[Int]](repeating: [Int](repeating: 0, count: tapCount), count: dims)
        var weights = [[Double]](repeating: [Double](repeating: 0, count: tapCount), count: dims)
        var offsets = [Int](repeating: 0, count: combos)
        var comboWeights = [Double](repeating: 0, count: combos)
        for n in 0..<batch {
            for p in 0..<pointCount {
                let g = (n * pointCount + p) * dims
                for a in 0..<dims {
                    // The grid lists x (the last axis) first.
                    let normalised = grid[g + dims - 1 - a]
                    let size = Double(spatial[a])
                    var v: Double = alignCorners ? (normalised + 1) / 2 * (size - 1) : ((normalised + 1) * size - 1) / 2
                    if mode == .nearest { v = v.rounded(.toNearestOrEven) }
                    if v < lo[a] || v > hi[a] {
                        if padding == .border { v = min(max(v, 0), size - 1) }
                        if padding == .reflection { v = reflect(v, lo[a], hi[a]) }
                    }
                    guard v.isFinite else {
                        for t in 0..<tapCount {
                            indices[a][t] = -1
                            weights[a][t] = 0
                        }
                        continue
                    }
                    v = min(max(v, -1e9), 1e9)
                    switch mode {
                    case .nearest:
                        indices[a][0] = resolve(Int(v.rounded(.towardZero)), spatial[a], lo[a], hi[a])
                        weights[a][0] = 1
                    case .linear:
                        let f = v.rounded(.down), r = v - f
                        indices[a][0] = resolve(Int(f), spatial[a], lo[a], hi[a])
                        indices[a][1] = resolve(Int(f) + 1, spatial[a], lo[a], hi[a])
                        weights[a][0] = 1 - r
                        weights[a][1] = r
                    case .cubic:
                        let f = v.rounded(.down), r = v - f
                        for t in 0..<4 {
                            indices[a][t] = resolve(Int(f) + t - 1, spatial[a], lo[a], hi[a])
                            weights[a][t] = cubic(Double(t - 1) - r)
                        }
                    }
                }
                for c in 0..<combos {
                    var rest = c, offset = 0, weight = 1.0
                    for a in stride(from: dims - 1, through: 0, by: -1) {
                        let t = rest % tapCount
                        rest /= tapCount
                        let i = indices[a][t]
                        if i < 0 { offset = -1 }
                        if offset >= 0 { offset += i * strides[a] }
                        weight *= weights[a][t]
                    }
                    offsets[c] = offset
                    comboWeights[c] = weight
                }
                for ch in 0..<channels {
                    let plane = (n * channels + ch) * planeSize
                    var sum = 0.0
                    for c in 0..<combos where offsets[c] >= 0 { sum += comboWeights[c] * x[plane + offsets[c]] }
                    out[(n * channels + ch) * pointCount + p] = sum
                }
            }
        }
        return out
    }
}
