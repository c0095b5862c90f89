import LastmileTensor

/// Conv (opsets 1, 11, 22): an N-D grouped convolution of an N x C x D1 x ... input with
/// M x C/group x k1 x ... weights and an optional bias of M values. Float32 and float64 run
/// as im2col followed by OpenBLAS GEMMs over blocks of output positions of each image and
/// group (a 1x1 convolution skips im2col); float16 computes in Float. A fused activation
/// (float32) is applied block by block while the block is still in cache.
struct ConvKernel: Kernel, ActivationFusing {
    let window: WindowAttributes
    let group: Int
    var activation: FusedActivation?

    init(_ ctx: NodeContext) throws {
        window = try WindowAttributes(ctx)
        group = try ctx.int("group", default: 1)
        guard group >= 1 else { throw OpError("group \(group) must be at least 1") }
    }

    func fusing(_ activation: FusedActivation) -> any Kernel {
        var kernel = self
        kernel.activation = activation
        return kernel
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let w = try inputs.tensor(1)
        let b = try inputs.optionalTensor(2)
        let spatial = try WindowChecks.spatialShape(x, op: "Conv")
        guard w.rank == x.rank else {
            throw OpError("Conv weights W \(w.shape) must have the rank of the input \(x.shape)")
        }
        let kernel = Array(w.shape[2...])
        if let k = window.kernelShape, k != kernel {
            throw OpError("kernel_shape \(k) does not match the weights \(w.shape)")
        }
        let channels = x.shape[1], filters = w.shape[0]
        guard channels % group == 0, filters % group == 0, w.shape[1] * group == channels else {
            throw OpError("Conv with group \(group): input \(x.shape) and weights \(w.shape) do not agree on channels")
        }
        if let b, b.count != filters {
            throw OpError("Conv bias B \(b.shape) must have \(filters) values")
        }
        if activation != nil, x.dtype != .float32 {
            throw OpError("a fused activation needs a float32 output, got \(x.dtype)")
        }
        let geometry = try window.resolve(input: spatial, kernel: kernel)
        let outShape = [x.shape[0], filters] + geometry.output
        _ = try WindowChecks.checkedCount(outShape)
        _ = try WindowChecks.checkedCount([w.shape[1] * geometry.kernelSize, geometry.outputSize])
        let problem = ConvProblem(
            batch: x.shape[0], channels: channels, filters: filters, group: group, geometry: geometry,
            activation: activation)
        return [.tensor(try problem.evaluate(x, w, b, outShape: outShape, op: "Conv"))]
    }
}

/// One resolved convolution: sizes and geometry, ready to run on typed buffers.
struct ConvProblem: FloatConvolution {
    var batch: Int
    var channels: Int
    var filters: Int
    var group: Int
    var geometry: WindowGeometry
    /// Applied to float32 outputs after the bias; other element types never get one.
    var activation: FusedActivation?

    /// OpenBLAS (0.3.16 and later, on AVX-512 kernels) multiplies products with
    /// M * N * K up to 10^6 in small-matrix kernels that read both operands in place; larger
    /// products first pack the operands, which costs about as much as the multiplication when
    /// M (filters per group) is small. So each image's output positions go to GEMM in blocks
    /// under that bound: on the small ResNet fixture (M = 16, K = 144, 32x32 images) a block of
    /// 8 rows ran at 110 GFLOPS, a whole image in one call at 85.
    static let smallProductLimit = 1_000_000
    /// Block width when the small kernels would need blocks thinner than 64 columns (large
    /// M * K, where packing pays for itself): bounds the column buffer.
    static let packedBlockColumns = 4096

    /// Output positions per GEMM for `m` filters and a depth of `k`, out of `total`, in whole
    /// rows of `rowLength` positions.
    static func blockColumns(m: Int, k: Int, total: Int, rowLength: Int) -> Int {
        let budget = smallProductLimit / max(1, m * k)
        var columns = budget >= 64 ? budget : packedBlockColumns
        guard columns < total else { return total }
        let row = max(1, rowLength)
        columns = max(row, columns / row * row)
        return min(columns, total)
    }

    /// Computes the output of N x M x out..., from row-major input, weights and bias.
    func run<T: GemmElement>(_ x: [T], _ w: [T], _ bias: [T]?) throws -> [T] {
        let inSize = geometry.inputSize, outSize = geometry.outputSize, ks = geometry.kernelSize
        let cg = channels / group
        let depth = cg * ks
        guard x.count == batch * channels * inSize, w.count == filters * depth else {
            throw OpError("Conv input or weights do not match their shapes")
        }
        let total = batch * filters * outSize
        let biases = bias ?? []
        let activation = T.self == Float.self ? self.activation : nil
        return [T](pooledCapacity: total) { out, written in
            guard let y = out.baseAddress, total > 0 else { return }
            written = total
            biases.withUnsafeBufferPointer { bb in
                // An empty array's buffer may still have a base address.
                let b = bias == nil ? nil : bb.baseAddress
                x.withUnsafeBufferPointer { xb in
                    w.withUnsafeBufferPointer { wb in
                        guard depth > 0, let xp = xb.baseAddress, let wp = wb.baseAddress else {
                            // No input channels: every output is its filter's bias.
                            for n in 0..<batch {
                                let plane = y + n * filters * outSize
                                plane.initialize(repeating: .zero, count: filters * outSize)
                                Self.finish(plane, rows: filters, count: outSize, stride: outSize, bias: b, activation)
                            }
                            return
                        }
                        if usesShiftedProducts {
                            runShifted(xp, wp, b, y, activation)
                        } else {
                            runColumns(xp, wp, b, y, activation)
                        }
                    }
                }
            }
        }
    }

    /// Runs im2col and one GEMM per block of output positions of each image and group
    /// (1x1 convolutions read the input in place).
    private func runColumns<T: GemmElement>(
        _ xp: UnsafePointer<T>, _ wp: UnsafePointer<T>, _ b: UnsafePointer<T>?,
        _ y: UnsafeMutablePointer<T>, _ activation: FusedActivation?
    ) {
        let inSize = geometry.inputSize, outSize = geometry.outputSize
        let cg = channels / group, mg = filters / group
        let depth = cg * geometry.kernelSize
        let pointwise = geometry.isPointwise
        let planar = geometry.rank == 2
        let rowLength = planar ? geometry.output[1] : 1
        // The N-D im2col fills whole images; 1x1 and 2-D convolutions go in blocks.
        let block = pointwise || planar
            ? Self.blockColumns(m: mg, k: depth, total: outSize, rowLength: pointwise ? 1 : rowLength)
            : outSize
        let im2col = Im2Col(geometry: geometry)
        // im2col writes every element of its block (zeros for padding), so it starts
        // uninitialised: zero-filling it first cost as much as the GEMM on small images.
        var column = [T](pooledCapacity: pointwise ? 0 : depth * block) { buffer, written in
            written = buffer.count
        }
        column.withUnsafeMutableBufferPointer { cb in
            for n in 0..<batch {
                for g in 0..<group {
                    let source = xp + (n * channels + g * cg) * inSize
                    let target = y + (n * filters + g * mg) * outSize
                    var start = 0
                    while start < outSize {
                        let count = min(block, outSize - start)
                        let matrix: UnsafePointer<T>
                        let ldb: Int
                        if pointwise {
                            matrix = source + start
                            ldb = inSize
                        } else {
                            guard let c = cb.baseAddress else { return }
                            if planar {
                                im2col.fill2D(c, from: source, channels: cg,
                                              rows: start / rowLength..<(start + count) / rowLength)
                            } else {
                                im2col.fill(c, from: source, channels: cg)
                            }
                            matrix = UnsafePointer(c)
                            ldb = count
                        }
                        T.blasGemm(
                            transA: false, transB: false, m: mg, n: count, k: depth,
                            alpha: 1, a: wp + g * mg * depth, lda: depth,
                            b: matrix, ldb: ldb,
                            beta: 0, c: target + start, ldc: outSize)
                        Self.finish(target + start, rows: mg, count: count, stride: outSize,
                                    bias: b.map { $0 + g * mg }, activation)
                        start += count
                    }
                }
            }
        }
        BufferPool.current?.recycle(&column)  // scratch, for the next convolution
    }

    /// Adds each row's bias and applies the activation (float32 only) to a block of `rows`
    /// rows of `count` outputs, `stride` apart, while the GEMM's block is still in cache.
    @inline(__always)
    static func finish<T: GemmElement>(
        _ c: UnsafeMutablePointer<T>, rows: Int, count: Int, stride: Int,
        bias: UnsafePointer<T>?, _ activation: FusedActivation?
    ) {
        for r in 0..<rows {
            let row = c + r * stride
            if let bias {
                let value = bias[r]
                for i in 0..<count { row[i] += value }
            }
            if let activation {
                let floats = UnsafeMutableRawPointer(row).assumingMemoryBound(to: Float.self)
                activation.apply(UnsafeMutableBufferPointer(start: floats, count: count))
            }
        }
    }
}
