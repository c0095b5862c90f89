import LastmileTensor

/// SpaceToDepth (opsets 1, 13): moves blocksize x blocksize spatial tiles of an N x C x H x W
/// tensor into channels, giving N x C*b² x H/b x W/b (the inverse of DepthToSpace in DCR mode).
struct SpaceToDepthKernel: Kernel {
    let blocksize: Int

    init(_ ctx: NodeContext) throws {
        blocksize = try ctx.int("blocksize")
        guard blocksize > 0 else { throw OpError("blocksize \(blocksize) must be positive") }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank == 4 else { throw OpError("SpaceToDepth needs an N x C x H x W input, got \(x.shape)") }
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let b = blocksize
        guard h % b == 0, w % b == 0 else {
            throw OpError("SpaceToDepth: height \(h) and width \(w) must be multiples of blocksize \(b)")
        }
        // Input viewed as N x C x H/b x b x W/b x b; output N x b x b x C x H/b x W/b.
        let s = Shape.strides([n, c, h / b, b, w / b, b])
        let copy = TensorOps.StridedCopy(
            shape: [n, b, b, c, h / b, w / b], strides: [s[0], s[3], s[5], s[1], s[2], s[4]], offset: 0)
        return [.tensor(try TensorOps.map(x, to: [n, c * b * b, h / b, w / b], copy))]
    }
}
