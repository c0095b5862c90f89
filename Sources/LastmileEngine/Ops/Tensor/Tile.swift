import LastmileTensor

/// Tile (opsets 1-13): repeats the input `repeats[i]` times along each axis i. Opset 1 instead
/// takes a repeat count (`tiles`) and an `axis` as scalar inputs 1 and 2.
struct TileKernel: Kernel {
    let legacy: Bool

    init(_ ctx: NodeContext) {
        legacy = ctx.opset < 6
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        var repeats: [Int]
        if legacy {
            let tiles = try TensorOps.integerScalar(try inputs.tensor(1), "tiles")
            let axis = try TensorOps.axis(try TensorOps.integerScalar(try inputs.tensor(2), "axis"), rank: data.rank)
            repeats = [Int](repeating: 1, count: data.rank)
            repeats[axis] = tiles
        } else {
            repeats = try TensorOps.integers(try inputs.tensor(1), "repeats")
        }
        guard repeats.count == data.rank else {
            throw OpError("repeats has \(repeats.count) values but the input has rank \(data.rank)")
        }
        guard repeats.allSatisfy({ $0 >= 0 }) else { throw OpError("repeats \(repeats) has a negative value") }
        if repeats.allSatisfy({ $0 == 1 }) { return [.tensor(data)] }
        let shape = try zip(data.shape, repeats).map { d, r in
            let (product, overflow) = d.multipliedReportingOverflow(by: r)
            guard !overflow else { throw OpError("tiling \(data.shape) by \(repeats) is too large") }
            return product
        }
        _ = try TensorOps.elementCount(shape)
        // Output index q * d + p along each axis reads input index p: view the output as
        // [r0, d0, r1, d1, ...] with stride 0 on every repeat axis.
        let inStrides = Shape.strides(data.shape)
        var viewShape: [Int] = []
        var viewStrides: [Int] = []
        for axis in 0..<data.rank {
            viewShape += [repeats[axis], data.shape[axis]]
            viewStrides += [0, inStrides[axis]]
        }
        let copy = TensorOps.StridedCopy(shape: viewShape, strides: viewStrides, offset: 0)
        return [.tensor(try TensorOps.map(data, to: shape, copy))]
    }
}
