import LastmileTensor

/// Col2Im (opset 18): rebuilds N x C x D1 x ... images from N x (C * prod(block)) x L columns
/// of sliding blocks, summing where blocks overlap (the inverse layout of im2col).
struct Col2ImKernel: Kernel {
    let dilations: [Int]?
    let pads: [Int]?
    let strides: [Int]?

    init(_ ctx: NodeContext) throws {
        dilations = try ctx.optionalInts("dilations")
        pads = try ctx.optionalInts("pads")
        strides = try ctx.optionalInts("strides")
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let image = try TensorOps.integers(try inputs.tensor(1), "image_shape")
        let block = try TensorOps.integers(try inputs.tensor(2), "block_shape")
        guard x.rank == 3 else { throw OpError("Col2Im input must be N x (C * block) x L, got \(x.shape)") }
        guard image.count == block.count, !image.isEmpty else {
            throw OpError("image_shape \(image) and block_shape \(block) must have the same length")
        }
        guard image.allSatisfy({ $0 > 0 }), block.allSatisfy({ $0 > 0 }) else {
            throw OpError("image_shape \(image) and block_shape \(block) must be positive")
        }
        let n = image.count
        let d = dilations ?? [Int](repeating: 1, count: n)
        let s = strides ?? [Int](repeating: 1, count: n)
        let p = pads ?? [Int](repeating: 0, count: 2 * n)
        guard d.count == n, s.count == n, p.count == 2 * n, d.allSatisfy({ $0 > 0 }), s.allSatisfy({ $0 > 0 }) else {
            throw OpError("dilations, strides and pads must have one (pads two) positive value per image axis")
        }
        var blocks = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let span = image[i] + p[i] + p[i + n] - ((block[i] - 1) * d[i] + 1)
            guard span >= 0 else { throw OpError("block \(block) does not fit image \(image) on axis \(i)") }
            blocks[i] = span / s[i] + 1
        }
        let blockSize = try TensorOps.elementCount(block)
        guard x.shape[1] % blockSize == 0, x.shape[2] == Shape.count(blocks) else {
            throw OpError("Col2Im input \(x.shape) does not match block_shape \(block) and \(Shape.count(blocks)) blocks")
        }
        let channels = x.shape[1] / blockSize
        let geometry = WindowGeometry(
            input: image, output: blocks, kernel: block, strides: s, dilations: d,
            padsBegin: Array(p[0..<n]), padsEnd: Array(p[n...]))
        let shape = [x.shape[0], channels] + image
        let total = try TensorOps.elementCount(shape)
        let scatter = Col2Im(geometry: geometry)
        switch x.storage {
        case .float32(let a): return [.tensor(try Tensor(shape: shape, elements: rebuild(a, scatter, x.shape[0], channels, total)))]
        case .float64(let a): return [.tensor(try Tensor(shape: shape, elements: rebuild(a, scatter, x.shape[0], channels, total)))]
        case .float16(let a):
            let y = rebuild(a.map { Float($0) }, scatter, x.shape[0], channels, total)
            return [.tensor(try Tensor(shape: shape, elements: y.map { Float16($0) }))]
        default: throw OpError.unsupported("Col2Im does not support \(x.dtype) tensors")
        }
    }

    private func rebuild<T: FloatElement>(_ x: [T], _ scatter: Col2Im, _ batch: Int, _ channels: Int, _ total: Int) -> [T] {
        var y = [T](repeating: .zero, count: total)
        let perImage = total / max(batch, 1)
        let perColumns = x.count / max(batch, 1)
        x.withUnsafeBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                guard let xp = xb.baseAddress, let yp = yb.baseAddress else { return }
                for b in 0..<batch {
                    scatter.add(xp + b * perColumns, into: yp + b * perImage, channels: channels)
                }
            }
        }
        return y
    }
}
