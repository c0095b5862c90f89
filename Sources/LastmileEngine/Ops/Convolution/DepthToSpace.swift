import LastmileTensor

/// DepthToSpace (opsets 1, 11, 13): moves blocks of channels of an N x C x H x W tensor into
/// blocksize x blocksize spatial tiles, giving N x C/b² x H*b x W*b. DCR (the default) reads
/// the channels depth-column-row, CRD column-row-depth.
struct DepthToSpaceKernel: Kernel {
    let blocksize: Int
    let columnRowDepth: Bool

    init(_ ctx: NodeContext) throws {
        blocksize = try ctx.int("blocksize")
        guard blocksize > 0 else { throw OpError("blocksize \(blocksize) must be positive") }
        let mode = try ctx.string("mode", default: "DCR")
        guard mode == "DCR" || mode == "CRD" else { throw OpError("mode \"\(mode)\" is not one of DCR, CRD") }
        columnRowDepth = mode == "CRD"
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank == 4 else { throw OpError("DepthToSpace needs an N x C x H x W input, got \(x.shape)") }
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let b = blocksize
        guard c % (b * b) == 0 else {
            throw OpError("DepthToSpace: channels \(c) are not a multiple of blocksize² (\(b * b))")
        }
        let depth = c / (b * b)
        // Output N x depth x H x b x W x b, read from the input viewed as 6-D.
        let strides: [Int]
        if columnRowDepth {
            // Input viewed as N x depth x b x b x H x W.
            let s = Shape.strides([n, depth, b, b, h, w])
            strides = [s[0], s[1], s[4], s[2], s[5], s[3]]
        } else {
            // Input viewed as N x b x b x depth x H x W.
            let s = Shape.strides([n, b, b, depth, h, w])
            strides = [s[0], s[3], s[4], s[1], s[5], s[2]]
        }
        let copy = TensorOps.StridedCopy(shape: [n, depth, h, b, w, b], strides: strides, offset: 0)
        return [.tensor(try TensorOps.map(x, to: [n, depth, h * b, w * b], copy))]
    }
}
