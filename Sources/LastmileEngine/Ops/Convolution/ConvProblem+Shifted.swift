import LastmileTensor

/// 2-D convolutions with unit strides as a sum of shifted products, without im2col.
///
/// Copy the image into a zero-padded buffer whose rows are `paddedWidth` long. Then, for
/// kernel offset (ky, kx), output position `oy * paddedWidth + ox` reads padded element
/// `(oy + ky * dy) * paddedWidth + ox + kx * dx` of every channel: the input shifted by a
/// constant, a matrix whose channel rows lie `plane` apart. The buffer holds one copy of the
/// padded image per kernel column, copy kx shifted left by `kx * dx`, so for each kernel row
/// the (kx, channel) rows are also `plane` apart: the convolution is one GEMM (M filters x
/// K = kernel width * channels) per kernel row, accumulated, over outputs computed on the
/// padded row length (the extra `paddedWidth - outWidth` columns per row are dropped).
///
/// im2col copies every input element once per kernel offset (9 times for 3x3) and then
/// OpenBLAS reads the copy again; on the small ResNet fixture (16 channels, 32x32) that cost
/// half as much as the GEMM itself, while three K = 48 products ran faster than one K = 144
/// product (and 16% faster than nine K = 16 ones). With few channels (an RGB stem) the short products are slow, so those convolutions
/// keep im2col.
extension ConvProblem {
    /// The fewest channels per group for which the shifted products beat im2col (measured:
    /// 3 channels 3x slower, 8 even, 16 faster).
    static let shiftedMinimumChannels = 16

    /// Whether this convolution runs as shifted products.
    var usesShiftedProducts: Bool {
        geometry.rank == 2 && !geometry.isPointwise && geometry.strides.allSatisfy { $0 == 1 }
            && channels / group >= Self.shiftedMinimumChannels
    }

    /// Computes every image and group into `y` (N x M x outHeight x outWidth).
    func runShifted<T: GemmElement>(
        _ xp: UnsafePointer<T>, _ wp: UnsafePointer<T>, _ b: UnsafePointer<T>?,
        _ y: UnsafeMutablePointer<T>, _ activation: FusedActivation?
    ) {
        let (height, width) = (geometry.input[0], geometry.input[1])
        let (outHeight, outWidth) = (geometry.output[0], geometry.output[1])
        let (kernelHeight, kernelWidth) = (geometry.kernel[0], geometry.kernel[1])
        let (dilationY, dilationX) = (geometry.dilations[0], geometry.dilations[1])
        let (padTop, padLeft) = (geometry.padsBegin[0], geometry.padsBegin[1])
        let paddedHeight = height + padTop + geometry.padsEnd[0]
        let paddedWidth = width + padLeft + geometry.padsEnd[1]
        // Room for the shifted copies' reads past the padded image (into dropped columns).
        let plane = paddedHeight * paddedWidth + (kernelWidth - 1) * dilationX
        let cg = channels / group, mg = filters / group, ks = kernelHeight * kernelWidth
        let inSize = height * width, outSize = outHeight * outWidth
        let depth = kernelWidth * cg
        let rowsPerBlock = max(1, min(outHeight, Self.smallProductLimit / max(1, mg * depth) / max(1, paddedWidth)))
        let blockSize = rowsPerBlock * paddedWidth

        // Weights regrouped as one M x (kernel width * channels) matrix per group and kernel row.
        var weights = [T](pooledCapacity: filters * cg * ks) { buffer, written in
            for g in 0..<group {
                for ky in 0..<kernelHeight {
                    for m in 0..<mg {
                        for kx in 0..<kernelWidth {
                            for c in 0..<cg {
                                buffer[((g * kernelHeight + ky) * mg + m) * depth + kx * cg + c] =
                                    wp[((g * mg + m) * cg + c) * ks + ky * kernelWidth + kx]
                            }
                        }
                    }
                }
            }
            written = filters * cg * ks
        }
        // Padding and slack stay zero; each image overwrites only the interior.
        var padded = [T](pooledCapacity: kernelWidth * cg * plane) { buffer, written in
            buffer.initialize(repeating: .zero)
            written = buffer.count
        }
        var sums = [T](pooledCapacity: mg * blockSize) { buffer, written in
            written = buffer.count
        }
        weights.withUnsafeBufferPointer { wb in
            padded.withUnsafeMutableBufferPointer { pb in
                sums.withUnsafeMutableBufferPointer { sb in
                    guard let shifted = wb.baseAddress, let pad = pb.baseAddress, let acc = sb.baseAddress else { return }
                    for n in 0..<batch {
                        for g in 0..<group {
                            let source = xp + (n * channels + g * cg) * inSize
                            for c in 0..<cg {
                                for r in 0..<height {
                                    let from = source + c * inSize + r * width
                                    let to = pad + c * plane + (r + padTop) * paddedWidth + padLeft
                                    for i in 0..<width { to[i] = from[i] }
                                }
                            }
                            // The shifted copies; what crosses into the next channel lands in
                            // slack no product reads.
                            for kx in 1..<max(kernelWidth, 1) {
                                let shift = kx * dilationX
                                (pad + kx * cg * plane).update(from: pad + shift, count: cg * plane - shift)
                            }
                            let target = y + (n * filters + g * mg) * outSize
                            var top = 0
                            while top < outHeight {
                                let rows = min(rowsPerBlock, outHeight - top)
                                let count = rows * paddedWidth
                                for ky in 0..<kernelHeight {
                                    T.blasGemm(
                                        transA: false, transB: false, m: mg, n: count, k: depth,
                                        alpha: 1, a: shifted + (g * kernelHeight + ky) * mg * depth, lda: depth,
                                        b: pad + (top + ky * dilationY) * paddedWidth, ldb: plane,
                                        beta: ky == 0 ? 0 : 1, c: acc, ldc: count)
                                }
                                // Drop the padding columns, adding the bias (and a Relu) on the way.
                                let block = target + top * outWidth
                                let relu = activation == .relu
                                for m in 0..<mg {
                                    let value = b.map { $0[g * mg + m] }
                                    for r in 0..<rows {
                                        let from = acc + m * count + r * paddedWidth
                                        let to = block + m * outSize + r * outWidth
                                        switch (value, relu) {
                                        case (let value?, true):
                                            for i in 0..<outWidth {
                                                let v = from[i] + value
                                                to[i] = v > .zero ? v : .zero
                                            }
                                        case (let value?, false):
                                            for i in 0..<outWidth { to[i] = from[i] + value }
                                        case (nil, true):
                                            for i in 0..<outWidth { to[i] = from[i] > .zero ? from[i] : .zero }
                                        case (nil, false):
                                            for i in 0..<outWidth { to[i] = from[i] }
                                        }
                                    }
                                }
                                if !relu {
                                    Self.finish(block, rows: mg, count: rows * outWidth, stride: outSize,
                                                bias: nil, activation)
                                }
                                top += rows
                            }
                        }
                    }
                }
            }
        }
        // Scratch buffers go back to the run's pool for the next convolution.
        BufferPool.current?.recycle(&weights)
        BufferPool.current?.recycle(&padded)
        BufferPool.current?.recycle(&sums)
    }
}
