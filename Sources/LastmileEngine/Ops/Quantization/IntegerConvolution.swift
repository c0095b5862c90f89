import LastmileTensor

/// The geometry and integer arithmetic shared by ConvInteger and QLinearConv: an N-d grouped,
/// strided, dilated, padded convolution of zero-point-centred integers, accumulated exactly in
/// float64 (im2col and one BLAS GEMM per image and group).
struct IntegerConvolution: Sendable {
    let autoPad: String
    let dilations: [Int]?
    let group: Int
    let kernelShape: [Int]?
    let pads: [Int]?
    let strides: [Int]?

    init(_ ctx: NodeContext) throws {
        autoPad = try ctx.string("auto_pad", default: "NOTSET")
        guard ["NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"].contains(autoPad) else {
            throw OpError("auto_pad must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, got \"\(autoPad)\"")
        }
        dilations = try ctx.optionalInts("dilations")
        group = try ctx.int("group", default: 1)
        guard group >= 1 else { throw OpError("group must be positive, got \(group)") }
        kernelShape = try ctx.optionalInts("kernel_shape")
        pads = try ctx.optionalInts("pads")
        strides = try ctx.optionalInts("strides")
    }

    /// The output shape and accumulations (N, M, spatial...) of `x` (N, C, spatial...) with
    /// `w` (M, C / group, kernel...), both already centred on their zero points.
    func run(x: [Double], xShape: [Int], w: [Double], wShape: [Int]) throws -> (shape: [Int], values: [Double]) {
        guard xShape.count >= 3, wShape.count == xShape.count else {
            throw OpError("x must have rank 3 or more and w the same rank, got shapes \(xShape) and \(wShape)")
        }
        let spatial = xShape.count - 2
        let n = xShape[0], c = xShape[1], m = wShape[0]
        let kernel = Array(wShape[2...])
        if let kernelShape, kernelShape != kernel {
            throw OpError("kernel_shape \(kernelShape) does not match w's shape \(wShape)")
        }
        guard c == wShape[1] * group, m % group == 0 else {
            throw OpError("x has \(c) channels and w has shape \(wShape); with group \(group) w must have \(c / max(group, 1)) input channels and a multiple of \(group) output channels")
        }
        let dil = dilations ?? [Int](repeating: 1, count: spatial)
        let str = strides ?? [Int](repeating: 1, count: spatial)
        guard dil.count == spatial, str.count == spatial, dil.allSatisfy({ $0 >= 1 }), str.allSatisfy({ $0 >= 1 }) else {
            throw OpError("dilations and strides need \(spatial) positive values, got \(dil) and \(str)")
        }
        var padBegin = [Int](repeating: 0, count: spatial)
        var padEnd = [Int](repeating: 0, count: spatial)
        var outSpatial = [Int](repeating: 0, count: spatial)
        for d in 0..<spatial {
            let input = xShape[d + 2]
            let extent = (kernel[d] - 1) * dil[d] + 1
            switch autoPad {
            case "VALID":
                outSpatial[d] = (input - extent) / str[d] + 1
            case "SAME_UPPER", "SAME_LOWER":
                outSpatial[d] = (input + str[d] - 1) / str[d]
                let total = max(0, (outSpatial[d] - 1) * str[d] + extent - input)
                padBegin[d] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2
                padEnd[d] = total - padBegin[d]
            default:
                if let pads {
                    guard pads.count == 2 * spatial, pads.allSatisfy({ $0 >= 0 }) else {
                        throw OpError("pads needs \(2 * spatial) non-negative values, got \(pads)")
                    }
                    padBegin[d] = pads[d]
                    padEnd[d] = pads[d + spatial]
                }
                outSpatial[d] = (input + padBegin[d] + padEnd[d] - extent) / str[d] + 1
            }
            guard outSpatial[d] >= 0 else {
                throw OpError("the kernel \(kernel) is larger than the padded input \(xShape)")
            }
        }
        let outShape = [n, m] + outSpatial
        let outCount = try TensorOps.elementCount(outShape)
        let cg = c / group, mg = m / group
        let kernelCount = Shape.count(kernel)
        let rowsK = cg * kernelCount
        let columns = Shape.count(outSpatial)
        let inPlane = Shape.count(Array(xShape[2...]))
        var out = [Double](repeating: 0, count: outCount)
        guard outCount > 0 else { return (outShape, out) }
        var cols = [Double](repeating: 0, count: try TensorOps.elementCount([rowsK, columns]))
        let inStrides = Shape.strides(Array(xShape[2...]))
        let kStrides = Shape.strides(kernel)
        let oStrides = Shape.strides(outSpatial)
        x.withUnsafeBufferPointer { px in
            w.withUnsafeBufferPointer { pw in
                out.withUnsafeMutableBufferPointer { po in
                    cols.withUnsafeMutableBufferPointer { pc in
                        for image in 0..<n {
                            for g in 0..<group {
                                // im2col: row (channel, kernel offset), column output position.
                                for ch in 0..<cg {
                                    let plane = (image * c + g * cg + ch) * inPlane
                                    for k in 0..<kernelCount {
                                        let row = (ch * kernelCount + k) * columns
                                        for o in 0..<columns {
                                            var offset = 0
                                            var inside = true
                                            for d in 0..<spatial {
                                                let kd = (k / kStrides[d]) % kernel[d]
                                                let od = (o / oStrides[d]) % outSpatial[d]
                                                let pos = od * str[d] - padBegin[d] + kd * dil[d]
                                                if pos < 0 || pos >= xShape[d + 2] { inside = false; break }
                                                offset += pos * inStrides[d]
                                            }
                                            pc[row + o] = inside ? px[plane + offset] : 0
                                        }
                                    }
                                }
                                guard let a = pw.baseAddress, let b = pc.baseAddress, let dst = po.baseAddress else { continue }
                                BLAS.gemm(
                                    transA: false, transB: false, m: mg, n: columns, k: rowsK, alpha: 1,
                                    a: a + g * mg * rowsK, lda: rowsK, b: b, ldb: columns, beta: 0,
                                    c: dst + (image * m + g * mg) * columns, ldc: columns)
                            }
                        }
                    }
                }
            }
        }
        return (outShape, out)
    }

    /// The elements of a quantized tensor as Double minus its zero point (a scalar, or one per
    /// index of axis 0 when `perChannel` values are allowed).
    static func centred(_ t: Tensor, _ zeroPoint: Tensor?, _ what: String, perChannel: Int? = nil) throws -> [Double] {
        let values = try Quantization.int32s(t, what)
        guard let zeroPoint else { return values.map(Double.init) }
        let z = try Quantization.int32s(zeroPoint, "\(what) zero point")
        if z.count == 1 { return values.map { Double($0 - z[0]) } }
        guard let channels = perChannel, z.count == channels, channels > 0 else {
            throw OpError("the zero point of \(what) must be a scalar\(perChannel.map { " or have \($0) values" } ?? ""), got shape \(zeroPoint.shape)")
        }
        let size = values.count / channels
        return values.indices.map { Double(values[$0] - z[min($0 / max(size, 1), channels - 1)]) }
    }
}
