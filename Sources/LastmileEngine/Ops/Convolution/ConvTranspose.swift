import LastmileTensor

/// ConvTranspose (opsets 1, 11, 22): the gradient of Conv with respect to its input, for an
/// N x C x D1 x ... input and C x M/group x k1 x ... weights. Runs as one GEMM per image and
/// group (W^T x X) followed by col2im, accumulating each column into the output.
struct ConvTransposeKernel: Kernel {
    let window: WindowAttributes
    let group: Int
    let outputPadding: [Int]?
    let outputShape: [Int]?

    init(_ ctx: NodeContext) throws {
        window = try WindowAttributes(ctx)
        group = try ctx.int("group", default: 1)
        guard group >= 1 else { throw OpError("group \(group) must be at least 1") }
        outputPadding = try ctx.optionalInts("output_padding")
        outputShape = try ctx.optionalInts("output_shape")
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let w = try inputs.tensor(1)
        let b = try inputs.optionalTensor(2)
        let spatial = try WindowChecks.spatialShape(x, op: "ConvTranspose")
        guard w.rank == x.rank else {
            throw OpError("ConvTranspose weights W \(w.shape) must have the rank of the input \(x.shape)")
        }
        let kernel = Array(w.shape[2...])
        if let k = window.kernelShape, k != kernel {
            throw OpError("kernel_shape \(k) does not match the weights \(w.shape)")
        }
        let channels = x.shape[1]
        guard w.shape[0] == channels, channels % group == 0 else {
            throw OpError("ConvTranspose with group \(group): input \(x.shape) and weights \(w.shape) do not agree on channels")
        }
        let filters = w.shape[1] * group
        if let b, b.count != filters { throw OpError("ConvTranspose bias B \(b.shape) must have \(filters) values") }
        let geometry = try resolve(spatial, kernel)
        let outShape = [x.shape[0], filters] + geometry.input
        _ = try WindowChecks.checkedCount(outShape)
        _ = try WindowChecks.checkedCount([w.shape[1] * geometry.kernelSize, geometry.outputSize])
        let problem = ConvTransposeProblem(
            batch: x.shape[0], channels: channels, filters: filters, group: group, geometry: geometry)
        return [.tensor(try problem.evaluate(x, w, b, outShape: outShape, op: "ConvTranspose"))]
    }

    /// The geometry of the equivalent Conv: `input` is the ConvTranspose output, `output` its input.
    private func resolve(_ input: [Int], _ kernel: [Int]) throws -> WindowGeometry {
        let n = input.count
        guard kernel.allSatisfy({ $0 > 0 }) else { throw OpError("kernel shape \(kernel) must be positive") }
        let strides = window.strides ?? [Int](repeating: 1, count: n)
        let dilations = window.dilations ?? [Int](repeating: 1, count: n)
        let extra = outputPadding ?? [Int](repeating: 0, count: n)
        guard strides.count == n, dilations.count == n, extra.count == n else {
            throw OpError("strides \(strides), dilations \(dilations) and output_padding \(extra) must have \(n) values")
        }
        var begin = [Int](repeating: 0, count: n), end = [Int](repeating: 0, count: n)
        var output = [Int](repeating: 0, count: n)
        var requested = outputShape.map { Array($0.suffix(n)) }
        if requested == nil, window.autoPad == .sameUpper || window.autoPad == .sameLower {
            requested = (0..<n).map { input[$0] * strides[$0] }
        }
        if let requested {
            guard requested.count == n else { throw OpError("output_shape \(outputShape ?? []) must have \(n) spatial values") }
            for i in 0..<n {
                let full = strides[i] * (input[i] - 1) + extra[i] + (kernel[i] - 1) * dilations[i] + 1
                let total = full - requested[i]
                // Floor division, as the reference: a negative total extends the output.
                let half = total >= 0 ? total / 2 : -((-total + 1) / 2)
                if window.autoPad == .sameUpper {
                    begin[i] = half
                    end[i] = total - half
                } else {
                    begin[i] = total - half
                    end[i] = half
                }
                output[i] = requested[i]
            }
        } else {
            if let pads = window.pads, window.autoPad == .notSet {
                guard pads.count == 2 * n else { throw OpError("pads \(pads) must have \(2 * n) values") }
                begin = Array(pads[0..<n])
                end = Array(pads[n...])
            }
            for i in 0..<n {
                output[i] = strides[i] * (input[i] - 1) + extra[i] + (kernel[i] - 1) * dilations[i] + 1 - begin[i] - end[i]
            }
        }
        guard output.allSatisfy({ $0 >= 0 }) else { throw OpError("ConvTranspose output shape \(output) is negative") }
        return WindowGeometry(
            input: output, output: input, kernel: kernel, strides: strides, dilations: dilations,
            padsBegin: begin, padsEnd: end)
    }
}

/// One resolved transposed convolution. `geometry` is that of the matching Conv: its input is
/// this op's output.
struct ConvTransposeProblem: FloatConvolution {
    var batch: Int
    var channels: Int
    var filters: Int
    var group: Int
    var geometry: WindowGeometry

    func run<T: GemmElement>(_ x: [T], _ w: [T], _ bias: [T]?) throws -> [T] {
        let imageSize = geometry.outputSize, outSize = geometry.inputSize, ks = geometry.kernelSize
        let cg = channels / group, mg = filters / group
        let rows = mg * ks
        guard x.count == batch * channels * imageSize, w.count == channels * rows else {
            throw OpError("ConvTranspose input or weights do not match their shapes")
        }
        let total = batch * filters * outSize
        var column = [T](repeating: .zero, count: rows * imageSize)
        let scatter = Col2Im(geometry: geometry)
        return [T](pooledCapacity: total) { out, written in
            guard let y = out.baseAddress else { return }
            for n in 0..<batch {
                for m in 0..<filters {
                    (y + (n * filters + m) * outSize).initialize(repeating: bias?[m] ?? .zero, count: outSize)
                }
            }
            written = total
            guard imageSize > 0, rows > 0, cg > 0 else { return }
            x.withUnsafeBufferPointer { xb in
                w.withUnsafeBufferPointer { wb in
                    column.withUnsafeMutableBufferPointer { cb in
                        guard let xp = xb.baseAddress, let wp = wb.baseAddress, let c = cb.baseAddress else { return }
                        for n in 0..<batch {
                            for g in 0..<group {
                                T.blasGemm(
                                    transA: true, transB: false, m: rows, n: imageSize, k: cg,
                                    alpha: 1, a: wp + g * cg * rows, lda: rows,
                                    b: xp + (n * channels + g * cg) * imageSize, ldb: imageSize,
                                    beta: 0, c: c, ldc: imageSize)
                                scatter.add(UnsafePointer(c), into: y + (n * filters + g * mg) * outSize, channels: mg)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Adds a (C * kernel) x windows matrix back into a C x D1 x ... image: the inverse layout of
/// `Im2Col`, summing where windows overlap.
struct Col2Im {
    let geometry: WindowGeometry
    let coordinates: [[Int]]
    let imageStrides: [Int]

    init(geometry: WindowGeometry) {
        self.geometry = geometry
        coordinates = Im2Col(geometry: geometry).coordinates
        imageStrides = Shape.strides(geometry.input)
    }

    func add<T: NumericElement>(_ column: UnsafePointer<T>, into image: UnsafeMutablePointer<T>, channels: Int) {
        let rank = geometry.rank
        let imageSize = geometry.inputSize, windows = geometry.outputSize, ks = geometry.kernelSize
        let last = rank - 1
        let outLast = geometry.output[last]
        let outer = outLast == 0 ? 0 : windows / outLast
        var kIndex = [Int](repeating: 0, count: rank)
        var oIndex = [Int](repeating: 0, count: rank)
        var src = column
        for c in 0..<channels {
            let plane = image + c * imageSize
            for kFlat in 0..<ks {
                var r = kFlat
                for i in stride(from: last, through: 0, by: -1) {
                    kIndex[i] = r % geometry.kernel[i]
                    r /= geometry.kernel[i]
                }
                for i in 0..<rank { oIndex[i] = 0 }
                let lastRowStart = kIndex[last] * outLast
                for _ in 0..<outer {
                    var base = 0
                    var inside = true
                    for i in 0..<last {
                        let coordinate = coordinates[i][kIndex[i] * geometry.output[i] + oIndex[i]]
                        if coordinate < 0 { inside = false; break }
                        base += coordinate * imageStrides[i]
                    }
                    if inside {
                        let row = plane + base
                        coordinates[last].withUnsafeBufferPointer { table in
                            for o in 0..<outLast {
                                let coordinate = table[lastRowStart + o]
                                if coordinate >= 0 { row[coordinate] += src[o] }
                            }
                        }
                    }
                    src += outLast
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
