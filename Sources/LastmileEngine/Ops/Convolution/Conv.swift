import LastmileTensor

/// Conv (opsets 1, 11, 22): an N-D grouped convolution of an N x C x D1 x ... input with
/// M x C/group x k1 x ... weights and an optional bias of M values. Float32 and float64 run
/// as im2col followed by one OpenBLAS GEMM per image and group (a 1x1 convolution skips
/// im2col); float16 computes in Float.
struct ConvKernel: Kernel {
    let window: WindowAttributes
    let group: Int

    init(_ ctx: NodeContext) throws {
        window = try WindowAttributes(ctx)
        group = try ctx.int("group", default: 1)
        guard group >= 1 else { throw OpError("group \(group) must be at least 1") }
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
        let geometry = try window.resolve(input: spatial, kernel: kernel)
        let outShape = [x.shape[0], filters] + geometry.output
        _ = try WindowChecks.checkedCount(outShape)
        _ = try WindowChecks.checkedCount([w.shape[1] * geometry.kernelSize, geometry.outputSize])
        let problem = ConvProblem(
            batch: x.shape[0], channels: channels, filters: filters, group: group, geometry: geometry)
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

    /// Computes the output of N x M x out..., from row-major input, weights and bias.
    func run<T: GemmElement>(_ x: [T], _ w: [T], _ bias: [T]?) throws -> [T] {
        let inSize = geometry.inputSize, outSize = geometry.outputSize, ks = geometry.kernelSize
        let cg = channels / group, mg = filters / group
        let depth = cg * ks
        guard x.count == batch * channels * inSize, w.count == filters * depth else {
            throw OpError("Conv input or weights do not match their shapes")
        }
        let total = batch * filters * outSize
        let pointwise = geometry.isPointwise
        let im2col = Im2Col(geometry: geometry)
        // im2col writes every element of the column matrix (zeros for padding), so it starts
        // uninitialised: zero-filling it first cost as much as the GEMM on small images.
        var column = [T](unsafeUninitializedCapacity: pointwise ? 0 : depth * outSize) { buffer, written in
            written = buffer.count
        }
        return [T](unsafeUninitializedCapacity: total) { out, written in
            guard let y = out.baseAddress else { return }
            for n in 0..<batch {
                for m in 0..<filters {
                    let value = bias?[m] ?? .zero
                    (y + (n * filters + m) * outSize).initialize(repeating: value, count: outSize)
                }
            }
            written = total
            guard outSize > 0, depth > 0 else { return }
            x.withUnsafeBufferPointer { xb in
                w.withUnsafeBufferPointer { wb in
                    column.withUnsafeMutableBufferPointer { cb in
                        guard let xp = xb.baseAddress, let wp = wb.baseAddress else { return }
                        for n in 0..<batch {
                            for g in 0..<group {
                                let source = xp + (n * channels + g * cg) * inSize
                                let matrix: UnsafePointer<T>
                                if pointwise {
                                    matrix = source
                                } else {
                                    guard let c = cb.baseAddress else { return }
                                    im2col.fill(c, from: source, channels: cg)
                                    matrix = UnsafePointer(c)
                                }
                                T.blasGemm(
                                    transA: false, transB: false, m: mg, n: outSize, k: depth,
                                    alpha: 1, a: wp + g * mg * depth, lda: depth,
                                    b: matrix, ldb: outSize,
                                    beta: 1, c: y + (n * filters + g * mg) * outSize, ldc: outSize)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Lays out the windows of a C x D1 x ... image as a (C * kernel) x outputPositions matrix.
struct Im2Col {
    let geometry: WindowGeometry
    /// Per spatial axis, `kernel[i] * output[i]` input coordinates (-1 outside the input).
    let coordinates: [[Int]]
    let inputStrides: [Int]

    init(geometry: WindowGeometry) {
        self.geometry = geometry
        var tables: [[Int]] = []
        for i in 0..<geometry.rank {
            var table = [Int](repeating: -1, count: geometry.kernel[i] * geometry.output[i])
            for k in 0..<geometry.kernel[i] {
                for o in 0..<geometry.output[i] {
                    let c = geometry.coordinate(axis: i, output: o, kernel: k)
                    if c >= 0, c < geometry.input[i] { table[k * geometry.output[i] + o] = c }
                }
            }
            tables.append(table)
        }
        coordinates = tables
        inputStrides = Shape.strides(geometry.input)
    }

    /// Fills `column` ((channels * kernel) x outputSize) from `source` (channels x inputSize).
    func fill<T: NumericElement>(_ column: UnsafeMutablePointer<T>, from source: UnsafePointer<T>, channels: Int) {
        if geometry.rank == 2 {
            fill2D(column, from: source, channels: channels)
            return
        }
        let rank = geometry.rank
        let inSize = geometry.inputSize, outSize = geometry.outputSize, ks = geometry.kernelSize
        let last = rank - 1
        let outLast = geometry.output[last]
        let outer = outLast == 0 ? 0 : outSize / outLast
        var kIndex = [Int](repeating: 0, count: rank)
        var oIndex = [Int](repeating: 0, count: rank)
        coordinates.withUnsafeBufferPointer { tables in
            var dst = column
            for c in 0..<channels {
                let image = source + c * inSize
                for kFlat in 0..<ks {
                    var r = kFlat
                    for i in stride(from: last, through: 0, by: -1) {
                        kIndex[i] = r % geometry.kernel[i]
                        r /= geometry.kernel[i]
                    }
                    for i in 0..<rank { oIndex[i] = 0 }
                    tables[last].withUnsafeBufferPointer { lastTable in
                        guard let lt = lastTable.baseAddress else { return }
                        let lastRow = lt + kIndex[last] * outLast
                        for _ in 0..<outer {
                            var base = 0
                            var inside = true
                            for i in 0..<last {
                                let coordinate = tables[i][kIndex[i] * geometry.output[i] + oIndex[i]]
                                if coordinate < 0 { inside = false; break }
                                base += coordinate * inputStrides[i]
                            }
                            if inside {
                                let row = image + base
                                for o in 0..<outLast {
                                    let coordinate = lastRow[o]
                                    dst[o] = coordinate >= 0 ? row[coordinate] : .zero
                                }
                            } else {
                                dst.update(repeating: .zero, count: outLast)
                            }
                            dst += outLast
                            var i = last - 1
                            while i >= 0 {
                                oIndex[i] += 1
                                if oIndex[i] < geometry.output[i] { break }
                                oIndex[i] = 0
                                i -= 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// The 2-D case, with every geometry value in a local: the general loop's per-element array
    /// reads cost several times the GEMM that follows (measured on a small ResNet).
    private func fill2D<T: NumericElement>(_ column: UnsafeMutablePointer<T>, from source: UnsafePointer<T>, channels: Int) {
        let (height, width) = (geometry.input[0], geometry.input[1])
        let (outHeight, outWidth) = (geometry.output[0], geometry.output[1])
        let (kernelHeight, kernelWidth) = (geometry.kernel[0], geometry.kernel[1])
        let (strideY, strideX) = (geometry.strides[0], geometry.strides[1])
        let (dilationY, dilationX) = (geometry.dilations[0], geometry.dilations[1])
        let (padTop, padLeft) = (geometry.padsBegin[0], geometry.padsBegin[1])
        var dst = column
        for c in 0..<channels {
            let image = source + c * height * width
            for ky in 0..<kernelHeight {
                for kx in 0..<kernelWidth {
                    let offsetX = kx * dilationX - padLeft
                    // Output columns whose input column is inside the image: [first, end).
                    var first = 0
                    while first < outWidth && first * strideX + offsetX < 0 { first += 1 }
                    var end = outWidth
                    while end > first && (end - 1) * strideX + offsetX >= width { end -= 1 }
                    for oy in 0..<outHeight {
                        let y = oy * strideY - padTop + ky * dilationY
                        if y < 0 || y >= height {
                            dst.update(repeating: .zero, count: outWidth)
                        } else {
                            let row = image + y * width + offsetX
                            for ox in 0..<first { dst[ox] = .zero }
                            if strideX == 1 {
                                (dst + first).update(from: row + first, count: end - first)
                            } else {
                                for ox in first..<end { dst[ox] = row[ox * strideX] }
                            }
                            for ox in end..<outWidth { dst[ox] = .zero }
                        }
                        dst += outWidth
                    }
                }
            }
        }
    }
}
