import LastmileTensor

/// MaxUnpool (opsets 9, 11, 22): scatters the values of a MaxPool output back to the flat
/// positions its indices name, in a zero tensor of the unpooled shape (from `output_shape`
/// or the pooling attributes).
struct MaxUnpoolKernel: Kernel {
    let window: WindowAttributes

    init(_ ctx: NodeContext) throws {
        window = try WindowAttributes(ctx, requireKernel: true)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let indices = try TensorOps.integers(try inputs.tensor(1), "I")
        let spatial = try WindowChecks.spatialShape(x, op: "MaxUnpool")
        guard indices.count == x.count else {
            throw OpError("MaxUnpool indices I must have the shape of X \(x.shape)")
        }
        guard let kernel = window.kernelShape, kernel.count == spatial.count else {
            throw OpError("kernel_shape must have \(spatial.count) values")
        }
        let strides = window.strides ?? [Int](repeating: 1, count: spatial.count)
        let pads = window.pads ?? [Int](repeating: 0, count: 2 * spatial.count)
        guard strides.count == spatial.count, pads.count == 2 * spatial.count else {
            throw OpError("strides and pads must have one value per spatial axis (pads two)")
        }
        // The indices address the unpooled shape the attributes give; a larger output_shape
        // holds it in its leading corner.
        var shape = Array(x.shape[0..<2])
        for i in spatial.indices {
            shape.append((spatial[i] - 1) * strides[i] + kernel[i] - pads[i] - pads[i + spatial.count])
        }
        var requested: [Int]?
        if let tensor = try inputs.optionalTensor(2) {
            let values = try TensorOps.integers(tensor, "output_shape")
            guard values.count == x.rank else { throw OpError("output_shape \(values) must have rank \(x.rank)") }
            requested = values
        }
        let total = try TensorOps.elementCount(shape)
        for index in indices where index < 0 || index >= total {
            throw OpError("MaxUnpool index \(index) is outside the output of \(total) elements")
        }
        let unpooled = try TensorOps.map(x, to: shape, Scatter(indices: indices, count: total))
        guard let requested, requested != shape else { return [.tensor(unpooled)] }
        let plan = try PadPlan(
            shape: shape, begin: [Int](repeating: 0, count: shape.count),
            end: zip(requested, shape).map { $0 - $1 }, mode: .constant)
        return [.tensor(try TensorOps.map(unpooled, to: plan.outputShape, PadFill(plan: plan, constant: nil, fallback: 0)))]
    }

    private struct Scatter: TensorOps.ElementVisitor {
        let indices: [Int]
        let count: Int
        func visit<T: TensorElement>(_ values: [T]) throws -> TensorStorage {
            var out = [T](repeating: T.zero, count: count)
            for (value, index) in zip(values, indices) { out[index] = value }
            return T.storage(out)
        }
    }
}
