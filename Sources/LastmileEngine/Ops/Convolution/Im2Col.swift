import LastmileTensor

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
            fill2D(column, from: source, channels: channels, rows: 0..<geometry.output[0])
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

    /// Fills the block of output rows `rows` of a 2-D convolution: (channels * kernel) rows of
    /// `rows.count * outputWidth` positions, every geometry value in a local (the general
    /// loop's per-element array reads cost several times the GEMM that follows, measured on a
    /// small ResNet).
    func fill2D<T: NumericElement>(
        _ column: UnsafeMutablePointer<T>, from source: UnsafePointer<T>, channels: Int, rows: Range<Int>
    ) {
        let (height, width) = (geometry.input[0], geometry.input[1])
        let outWidth = geometry.output[1]
        let (kernelHeight, kernelWidth) = (geometry.kernel[0], geometry.kernel[1])
        let (strideY, strideX) = (geometry.strides[0], geometry.strides[1])
        let (dilationY, dilationX) = (geometry.dilations[0], geometry.dilations[1])
        let (padTop, padLeft) = (geometry.padsBegin[0], geometry.padsBegin[1])
        let blockSize = rows.count * outWidth
        // With unit strides and an output as wide as the input, consecutive output rows read
        // consecutive input rows: one flat copy per kernel offset, then the columns that fell
        // outside the image are zeroed, instead of a short copy per output row.
        let flat = strideX == 1 && strideY == 1 && outWidth == width
        var dst = column
        for c in 0..<channels {
            let image = source + c * height * width
            for ky in 0..<kernelHeight {
                let offsetY = ky * dilationY - padTop
                // Output rows of the block whose input row is inside the image: [top, bottom).
                var top = rows.lowerBound
                while top < rows.upperBound && top * strideY + offsetY < 0 { top += 1 }
                var bottom = rows.upperBound
                while bottom > top && (bottom - 1) * strideY + offsetY >= height { bottom -= 1 }
                for kx in 0..<kernelWidth {
                    let offsetX = kx * dilationX - padLeft
                    // Output columns whose input column is inside the image: [first, end).
                    var first = 0
                    while first < outWidth && first * strideX + offsetX < 0 { first += 1 }
                    var end = outWidth
                    while end > first && (end - 1) * strideX + offsetX >= width { end -= 1 }
                    let lead = (top - rows.lowerBound) * outWidth
                    let inside = (bottom - top) * outWidth
                    dst.update(repeating: .zero, count: lead)
                    let body = dst + lead
                    if flat && inside > 0 {
                        // Element i of the body reads image[origin + i]; clip to the image.
                        let origin = (top + offsetY) * width + offsetX
                        let from = max(0, -origin), to = min(inside, height * width - origin)
                        if to > from { (body + from).update(from: image + origin + from, count: to - from) }
                        if first > 0 || end < outWidth {
                            for r in 0..<(bottom - top) {
                                let row = body + r * outWidth
                                for ox in 0..<first { row[ox] = .zero }
                                for ox in end..<outWidth { row[ox] = .zero }
                            }
                        }
                    } else {
                        for oy in top..<bottom {
                            let row = body + (oy - top) * outWidth
                            let input = image + (oy * strideY + offsetY) * width + offsetX
                            for ox in 0..<first { row[ox] = .zero }
                            if strideX == 1 {
                                (row + first).update(from: input + first, count: end - first)
                            } else {
                                for ox in first..<end { row[ox] = input[ox * strideX] }
                            }
                            for ox in end..<outWidth { row[ox] = .zero }
                        }
                    }
                    (body + inside).update(repeating: .zero, count: blockSize - lead - inside)
                    dst += blockSize
                }
            }
        }
    }
}
