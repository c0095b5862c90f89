import LastmileTensor

/// 2-D convolutions with unit strides as a sum of shifted products, without im2col.
///
/// Copy the image once into a zero-padded buffer whose rows are `paddedWidth` long. Then, for
/// kernel offset (ky, kx), output position `oy * paddedWidth + ox` reads padded element
/// `(oy + ky * dy) * paddedWidth + ox + kx * dx` of every channel: the input shifted by a
/// constant, a matrix whose channel rows lie `plane` apart. So the convolution is one GEMM
/// (M filters x K channels) per kernel offset, accumulated, over outputs computed on the padded
/// row length (the extra `paddedWidth - outWidth` columns per row are dropped afterwards).
///
/// im2col copies every input element once per kernel offset (9 times for 3x3) and then
/// OpenBLAS reads the copy again; on the small ResNet fixture (16 channels, 32x32) that cost
/// half as much as the GEMM itself, while the nine K = 16 products ran as fast as one K = 144
/// product. With few channels (an RGB stem) the short products are slow, so those convolutions
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
        // The last row's shifted reads run past the plane by the kernel's horizontal extent
        // (into columns that are dropped); the slack keeps them inside the buffer.
        let plane = paddedHeight * paddedWidth + (kernelWidth - 1) * dilationX
        let cg = channels / group, mg = filters / group, ks = kernelHeight * kernelWidth
        let inSize = height * width, outSize = outHeight * outWidth
        let rowsPerBlock = max(1, min(outHeight, Self.smallProductLimit / max(1, mg * cg) / max(1, paddedWidth)))
        let blockSize = rowsPerBlock * paddedWidth

        // Weights regrouped as one M x K matrix per group and kernel offset.
        let weights = [T](unsafeUninitializedCapacity: filters * cg * ks) { buffer, written in
            for g in 0..<group {
                for s in 0..<ks {
                    for m in 0..<mg {
                        for c in 0..<cg {
                            buffer[((g * ks + s) * mg + m) * cg + c] = wp[((g * mg + m) * cg + c) * ks + s]
                        }
                    }
                }
            }
            written = filters * cg * ks
        }
        // Padding and slack stay zero; each image overwrites only the interior.
        var padded = [T](repeating: .zero, count: cg * plane)
        var sums = [T](unsafeUninitializedCapacity: mg * blockSize) { buffer, written in
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
                            let target = y + (n * filters + g * mg) * outSize
                            var top = 0
                            while top < outHeight {
                                let rows = min(rowsPerBlock, outHeight - top)
                                let count = rows * paddedWidth
                                for s in 0..<ks {
                                    let (ky, kx) = (s / kernelWidth, s % kernelWidth)
                                    T.blasGemm(
                                        transA: false, transB: false, m: mg, n: count, k: cg,
                                        alpha: 1, a: shifted + (g * ks + s) * mg * cg, lda: cg,
                                        b: pad + (top + ky * dilationY) * paddedWidth + kx * dilationX, ldb: plane,
                                        beta: s == 0 ? 0 : 1, c: acc, ldc: count)
                                }
                                // Drop the padding columns, adding the bias on the way.
                                let block = target + top * outWidth
                                for m in 0..<mg {
                                    let value = b.map { $0[g * mg + m] }
                                    for r in 0..<rows {
                                        let from = acc + m * count + r * paddedWidth
                                        let to = block + m * outSize + r * outWidth
                                        if let value {
                                            for i in 0..<outWidth { to[i] = from[i] + value }
                                        } else {
                                            for i in 0..<outWidth { to[i] = from[i] }
                                        }
                                    }
                                }
                                Self.finish(block, rows: mg, count: rows * outWidth, stride: outSize,
                                            bias: nil, activation)
                                top += rows
                            }
                        }
                    }
                }
            }
        }
    }
}
