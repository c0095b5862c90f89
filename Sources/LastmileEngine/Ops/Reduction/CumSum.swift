import LastmileTensor

/// CumSum (opsets 11, 14): running sums along the axis given as input 1 (a scalar or
/// one-element int32/int64 tensor); `exclusive=1` leaves the current element out and
/// `reverse=1` sums from the end. float16 accumulates in Float.
struct CumSumKernel: Kernel {
    let exclusive: Bool
    let reverse: Bool
    /// The axis when input 1 is a constant.
    let fixedAxis: Int?

    init(_ ctx: NodeContext) throws {
        exclusive = try ctx.int("exclusive", default: 0) != 0
        reverse = try ctx.int("reverse", default: 0) != 0
        fixedAxis = try ctx.constantInput(1).map(Self.axisValue)
    }

    private static func axisValue(_ tensor: Tensor) throws -> Int {
        guard tensor.rank <= 1, tensor.count == 1, let values = tensor.ints, let axis = values.first else {
            throw OpError("input \"axis\" must be an integer scalar, got \(tensor.dtype) of shape \(tensor.shape)")
        }
        return axis
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        try ReductionAxes.validate(x.shape)
        let axis = try fixedAxis ?? Self.axisValue(inputs.tensor(1))
        guard x.rank > 0 else { throw OpError("CumSum needs an input of rank 1 or more, got a scalar") }
        let a = try ReductionAxes.normalize(axis, rank: x.rank)
        let layout = (
            outer: Shape.count(Array(x.shape[..<a])), n: x.shape[a], inner: Shape.count(Array(x.shape[(a + 1)...])))
        let result: Tensor
        switch x.storage {
        case .float32(let v): result = Tensor(unchecked: x.shape, scan(v, layout, +))
        case .float64(let v): result = Tensor(unchecked: x.shape, scan(v, layout, +))
        case .float16(let v):
            let sums = scan(v.map { Float($0) }, layout, +)
            result = Tensor(unchecked: x.shape, sums.map { Float16($0) })
        case .int32(let v): result = Tensor(unchecked: x.shape, scan(v, layout, &+))
        case .int64(let v): result = Tensor(unchecked: x.shape, scan(v, layout, &+))
        case .uint32(let v): result = Tensor(unchecked: x.shape, scan(v, layout, &+))
        case .uint64(let v): result = Tensor(unchecked: x.shape, scan(v, layout, &+))
        default: throw OpError("CumSum does not support \(x.dtype) tensors")
        }
        return [.tensor(result)]
    }

    @inline(__always)
    private func scan<T: NumericElement>(
        _ x: [T], _ layout: (outer: Int, n: Int, inner: Int), _ add: (T, T) -> T
    ) -> [T] {
        let (outer, n, inner) = layout
        let count = x.count
        guard count == outer * n * inner, count > 0 else { return x }
        return [T](pooledCapacity: count) { out, written in
            x.withUnsafeBufferPointer { src in
                for o in 0..<outer {
                    let base = o * n * inner
                    for step in 0..<n {
                        let k = reverse ? n - 1 - step : step
                        let row = base + k * inner
                        if step == 0 {
                            for j in 0..<inner { out.initializeElement(at: row + j, to: exclusive ? .zero : src[row + j]) }
                        } else {
                            let previous = base + (reverse ? k + 1 : k - 1) * inner
                            let addend = exclusive ? previous : row
                            for j in 0..<inner {
                                out.initializeElement(at: row + j, to: add(out[previous + j], src[addend + j]))
                            }
                        }
                    }
                }
            }
            written = count
        }
    }
}
