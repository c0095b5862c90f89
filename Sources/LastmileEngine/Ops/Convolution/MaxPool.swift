import LastmileTensor

/// MaxPool (opsets 1, 8, 10, 11, 12, 22): the largest element of each window, padding ignored;
/// the optional second output holds each maximum's flat index into the input (row-major, or
/// column-major over the spatial axes when storage_order is 1).
struct MaxPoolKernel: Kernel {
    let window: WindowAttributes
    let storageOrder: Int
    /// Whether the node reads the indices output; without it they are not computed.
    let wantsIndices: Bool

    init(_ ctx: NodeContext) throws {
        window = try WindowAttributes(ctx, requireKernel: true)
        wantsIndices = ctx.node.outputs.count > 1 && !ctx.node.outputs[1].isEmpty
        storageOrder = try ctx.int("storage_order", default: 0)
        guard storageOrder == 0 || storageOrder == 1 else {
            throw OpError("storage_order \(storageOrder) must be 0 or 1")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        if x.rank == 4, let kernel = window.kernelShape, kernel.count == 2 {
            let geometry = try window.resolve(input: Array(x.shape[2...]), kernel: kernel)
            let shape = Array(x.shape[0..<2]) + geometry.output
            _ = try WindowChecks.checkedCount(shape)
            let planes = PoolWindows.planes(x)
            let (values, indices): (TensorStorage, [Int64]?)
            switch x.storage {
            case .float32(let a): (values, indices) = pool2D(a, geometry, planes)
            case .float64(let a): (values, indices) = pool2D(a, geometry, planes)
            case .float16(let a): (values, indices) = pool2D(a, geometry, planes)
            case .int8(let a): (values, indices) = pool2D(a, geometry, planes)
            case .uint8(let a): (values, indices) = pool2D(a, geometry, planes)
            case .int32(let a): (values, indices) = pool2D(a, geometry, planes)
            case .int64(let a): (values, indices) = pool2D(a, geometry, planes)
            default: throw OpError.unsupported("MaxPool does not support \(x.dtype) tensors")
            }
            let pooled = Value.tensor(try Tensor(shape: shape, storage: values))
            guard let indices else { return [pooled] }
            return [pooled, .tensor(try Tensor(shape: shape, elements: indices))]
        }
        let windows = try PoolWindows.make(window, x, op: "MaxPool")
        let shape = Array(x.shape[0..<2]) + windows.geometry.output
        let planes = PoolWindows.planes(x)
        let (values, indices): (TensorStorage, [Int64])
        switch x.storage {
        case .float32(let a): (values, indices) = pool(a, windows, planes)
        case .float64(let a): (values, indices) = pool(a, windows, planes)
        case .float16(let a): (values, indices) = pool(a, windows, planes)
        case .int8(let a): (values, indices) = pool(a, windows, planes)
        case .uint8(let a): (values, indices) = pool(a, windows, planes)
        case .int32(let a): (values, indices) = pool(a, windows, planes)
        case .int64(let a): (values, indices) = pool(a, windows, planes)
        default: throw OpError.unsupported("MaxPool does not support \(x.dtype) tensors")
        }
        return [.tensor(try Tensor(shape: shape, storage: values)),
                .tensor(try Tensor(shape: shape, elements: indices))]
    }

    private func pool<T: NumericElement>(_ x: [T], _ windows: PoolWindows, _ planes: Int) -> (TensorStorage, [Int64]) {
        let pairs: [(T, Int)] = windows.map(x, planes: planes) { plane, window, _ in
            var best = T.minValue, at = -1
            for offset in window {
                let v = plane[offset]
                if at < 0 || v > best {
                    best = v
                    at = offset
                }
            }
            return (best, max(at, 0))
        }
        let inSize = windows.geometry.inputSize, outSize = windows.geometry.outputSize
        var indices = [Int64](repeating: 0, count: pairs.count)
        let input = windows.geometry.input
        let rowStrides = Shape.strides(input)
        var columnStrides = [Int](repeating: 1, count: input.count)
        for i in input.indices.dropFirst() { columnStrides[i] = columnStrides[i - 1] * input[i - 1] }
        for (i, pair) in pairs.enumerated() {
            let base = outSize == 0 ? 0 : (i / outSize) * inSize
            var offset = pair.1
            if storageOrder == 1 {
                var rest = offset, transposed = 0
                for a in input.indices {
                    transposed += (rest / rowStrides[a]) * columnStrides[a]
                    rest %= rowStrides[a]
                }
                offset = transposed
            }
            indices[i] = Int64(base + offset)
        }
        return (T.storage(pairs.map(\.0)), indices)
    }

    /// The 2-D case with direct loops: the window tables and per-window closure of `pool` cost
    /// about a tenth of a small ResNet's run. Same results: the first element of a window
    /// inside the input, replaced by each later one that is greater. The comparisons are
    /// selects, not branches: on real activations a branch mispredicts about every other
    /// element (measured: a 2x2 pool took as long as the convolutions around it).
    private func pool2D<T: NumericElement>(_ x: [T], _ geometry: WindowGeometry, _ planes: Int) -> (TensorStorage, [Int64]?) {
        let (height, width) = (geometry.input[0], geometry.input[1])
        let (outHeight, outWidth) = (geometry.output[0], geometry.output[1])
        let (strideY, strideX) = (geometry.strides[0], geometry.strides[1])
        let (dilationY, dilationX) = (geometry.dilations[0], geometry.dilations[1])
        let (padTop, padLeft) = (geometry.padsBegin[0], geometry.padsBegin[1])
        // Per output row and column: the first input coordinate and how many window positions
        // fall inside the input (they are consecutive kernel offsets).
        func inside(_ outputs: Int, _ kernel: Int, _ stride: Int, _ dilation: Int, _ pad: Int, _ size: Int) -> (first: [Int], count: [Int]) {
            var first = [Int](repeating: 0, count: outputs), count = [Int](repeating: 0, count: outputs)
            for o in 0..<outputs {
                var k = 0
                while k < kernel && o * stride - pad + k * dilation < 0 { k += 1 }
                var end = kernel
                while end > k && o * stride - pad + (end - 1) * dilation >= size { end -= 1 }
                first[o] = o * stride - pad + k * dilation
                count[o] = end - k
            }
            return (first, count)
        }
        let rowsInside = inside(outHeight, geometry.kernel[0], strideY, dilationY, padTop, height)
        let columnsInside = inside(outWidth, geometry.kernel[1], strideX, dilationX, padLeft, width)
        // Output columns whose whole window row lies inside the input.
        let kernelWidth = geometry.kernel[1]
        var interiorStart = 0
        while interiorStart < outWidth && columnsInside.count[interiorStart] < kernelWidth { interiorStart += 1 }
        var interiorEnd = interiorStart
        while interiorEnd < outWidth && columnsInside.count[interiorEnd] == kernelWidth { interiorEnd += 1 }
        let interior = interiorStart..<interiorEnd
        let inSize = height * width, outSize = outHeight * outWidth
        let total = planes * outSize
        let columnMajor = storageOrder == 1
        let wantsIndices = self.wantsIndices
        var indices = [Int64](repeating: 0, count: wantsIndices ? total : 0)
        let values = [T](pooledCapacity: total) { out, written in
            x.withUnsafeBufferPointer { xb in
                indices.withUnsafeMutableBufferPointer { ib in
                    guard let y = out.baseAddress, let xp = xb.baseAddress else { return }
                    // An empty array's buffer may still have a base address.
                    let at = wantsIndices ? ib.baseAddress : nil
                    var o = 0
                    for p in 0..<planes {
                        let plane = xp + p * inSize
                        for oy in 0..<outHeight {
                            let firstY = rowsInside.first[oy], countY = rowsInside.count[oy]
                            if at == nil && countY > 0 && interior.count > 0 {
                                // Windows wholly inside the row band, four outputs at a time:
                                // four independent running maxima instead of one long chain
                                // of dependent compares.
                                let row = y + o
                                let origin = plane + firstY &* width
                                var ox = interior.lowerBound
                                while ox < interior.upperBound {
                                    let lanes = min(4, interior.upperBound - ox)
                                    let base = origin + (ox &* strideX &- padLeft)
                                    let s1 = lanes > 1 ? strideX : 0, s2 = lanes > 2 ? 2 &* strideX : 0
                                    let s3 = lanes > 3 ? 3 &* strideX : 0
                                    var b0 = base[0], b1 = base[s1], b2 = base[s2], b3 = base[s3]
                                    for ky in 0..<countY {
                                        let source = base + ky &* dilationY &* width
                                        for kx in 0..<kernelWidth {
                                            let p = source + kx &* dilationX
                                            let v0 = p[0], v1 = p[s1], v2 = p[s2], v3 = p[s3]
                                            b0 = v0 > b0 ? v0 : b0
                                            b1 = v1 > b1 ? v1 : b1
                                            b2 = v2 > b2 ? v2 : b2
                                            b3 = v3 > b3 ? v3 : b3
                                        }
                                    }
                                    (row + ox).initialize(to: b0)
                                    if lanes > 1 { (row + ox + 1).initialize(to: b1) }
                                    if lanes > 2 { (row + ox + 2).initialize(to: b2) }
                                    if lanes > 3 { (row + ox + 3).initialize(to: b3) }
                                    ox += lanes
                                }
                            }
                            for ox in 0..<outWidth {
                                if at == nil && countY > 0 && interior.contains(ox) {
                                    o += 1
                                    continue
                                }
                                let firstX = columnsInside.first[ox], countX = columnsInside.count[ox]
                                var best = T.minValue, bestOffset = 0
                                if countY > 0 && countX > 0 {
                                    bestOffset = firstY * width + firstX
                                    best = plane[bestOffset]
                                    for ky in 0..<countY {
                                        let rowOffset = (firstY + ky * dilationY) * width + firstX
                                        for kx in 0..<countX {
                                            let offset = rowOffset + kx * dilationX
                                            let v = plane[offset]
                                            let greater = v > best
                                            best = greater ? v : best
                                            bestOffset = greater ? offset : bestOffset
                                        }
                                    }
                                }
                                (y + o).initialize(to: best)
                                if let at {
                                    let offset = columnMajor
                                        ? (bestOffset % max(width, 1)) * height + bestOffset / max(width, 1)
                                        : bestOffset
                                    at[o] = Int64(p * inSize + offset)
                                }
                                o += 1
                            }
                        }
                    }
                    written = o
                }
            }
        }
        return (T.storage(values), wantsIndices ? indices : nil)
    }
}
