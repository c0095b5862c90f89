import LastmileTensor

/// MaxPool (opsets 1, 8, 10, 11, 12, 22): the largest element of each window, padding ignored;
/// the optional second output holds each maximum's flat index into the input (row-major, or
/// column-major over the spatial axes when storage_order is 1).
struct MaxPoolKernel: Kernel {
    let window: WindowAttributes
    let storageOrder: Int

    init(_ ctx: NodeContext) throws {
        window = try WindowAttributes(ctx, requireKernel: true)
        storageOrder = try ctx.int("storage_order", default: 0)
        guard storageOrder == 0 || storageOrder == 1 else {
            throw OpError("storage_order \(storageOrder) must be 0 or 1")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
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
}
