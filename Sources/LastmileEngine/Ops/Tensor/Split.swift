import LastmileTensor

/// Split (opsets 1-18): cuts a tensor along `axis` into one part per node output.
///
/// Part sizes come from the `split` input (opset 1 and 13+), the `split` attribute (opsets 1-12)
/// or `num_outputs` (opset 18+, where the last part may be smaller); otherwise the axis is
/// divided equally between the outputs.
struct SplitKernel: Kernel {
    let axis: Int
    let outputCount: Int
    let attributeSplit: [Int]?
    let splitFromInput: Bool
    let numOutputs: Int?

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: 0)
        outputCount = ctx.node.outputs.count
        attributeSplit = ctx.opset < 13 ? try ctx.optionalInts("split") : nil
        splitFromInput = ctx.opset == 1 || ctx.opset >= 13
        numOutputs = ctx.opset >= 18 ? try ctx.optionalInt("num_outputs") : nil
        if let numOutputs, numOutputs != outputCount {
            throw OpError("num_outputs is \(numOutputs) but the node has \(outputCount) outputs")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        guard data.rank >= 1 else { throw OpError("cannot split a scalar") }
        let a = try TensorOps.axis(axis, rank: data.rank)
        let dim = data.shape[a]
        let sizes = try partSizes(inputs, dim: dim)
        guard sizes.allSatisfy({ $0 >= 0 && $0 <= dim }), sizes.reduce(0, +) == dim else {
            throw OpError("split sizes \(sizes) do not add up to the size \(dim) of axis \(a)")
        }
        if sizes.count == 1 { return [.tensor(data)] }
        let outer = try TensorOps.product(data.shape[..<a])
        let inner = try TensorOps.product(data.shape[(a + 1)...])
        var start = 0
        return try sizes.map { size in
            var shape = data.shape
            shape[a] = size
            let copy = TensorOps.StridedCopy(shape: [outer, size * inner], strides: [dim * inner, 1], offset: start * inner)
            start += size
            return .tensor(try TensorOps.map(data, to: shape, copy))
        }
    }

    private func partSizes(_ inputs: KernelInputs, dim: Int) throws -> [Int] {
        var sizes = attributeSplit
        if splitFromInput, let split = try inputs.optionalTensor(1), split.count > 0 {
            sizes = try TensorOps.integers(split, "the split input")
        }
        if let sizes {
            guard sizes.count == outputCount else {
                throw OpError("split has \(sizes.count) sizes but the node has \(outputCount) outputs")
            }
            return sizes
        }
        guard outputCount > 0 else { throw OpError("the node has no outputs") }
        if let numOutputs {
            let chunk = (dim + numOutputs - 1) / numOutputs
            let last = dim - chunk * (numOutputs - 1)
            guard last > 0 || dim == 0 else {
                throw OpError("cannot split an axis of size \(dim) into \(numOutputs) non-empty parts")
            }
            return [Int](repeating: chunk, count: numOutputs - 1) + [last]
        }
        guard dim % outputCount == 0 else {
            throw OpError("an axis of size \(dim) does not split evenly into \(outputCount) outputs")
        }
        return [Int](repeating: dim / outputCount, count: outputCount)
    }
}
