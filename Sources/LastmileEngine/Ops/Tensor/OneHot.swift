import LastmileTensor

/// OneHot (opsets 9-11): for each index, a vector of `depth` values that are all `values[0]`
/// (off) except `values[1]` (on) at the index, inserted as a new axis at `axis` (default -1).
///
/// Indices may be of any numeric type; negative ones count back from `depth`, and indices out
/// of range or not whole numbers give an all-off vector, as in onnxruntime.
struct OneHotKernel: Kernel {
    let axis: Int

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: -1)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let indexTensor = try inputs.tensor(0)
        let depthTensor = try inputs.tensor(1)
        let values = try inputs.tensor(2)
        guard depthTensor.count == 1, let rawDepth = depthTensor.doubles?.first, rawDepth.isFinite else {
            throw OpError("depth must be a numeric scalar, got \(depthTensor.dtype) of shape \(depthTensor.shape)")
        }
        guard rawDepth >= 1, rawDepth < Double(TensorOps.maxElements) else {
            throw OpError("depth must be positive, got \(rawDepth)")
        }
        let depth = Int(rawDepth)
        guard values.count == 2 else { throw OpError("values must hold [off, on], got shape \(values.shape)") }
        let rank = indexTensor.rank + 1
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else { throw OpError("axis \(axis) is out of range for rank \(rank)") }

        var shape = indexTensor.shape
        shape.insert(depth, at: a)
        let hot = try Self.hotPositions(indexTensor, depth: depth)
        let fill = Fill(
            hot: hot, outer: try TensorOps.product(indexTensor.shape[..<a]), depth: depth,
            inner: try TensorOps.product(indexTensor.shape[a...]), count: try TensorOps.elementCount(shape))
        return [.tensor(try TensorOps.map(values, to: shape, fill))]
    }

    /// Each index as a position in [0, depth), or -1 when it selects nothing.
    private static func hotPositions(_ indices: Tensor, depth: Int) throws -> [Int] {
        func position(_ i: Int) -> Int {
            let p = i < 0 ? i + depth : i
            return p >= 0 && p < depth ? p : -1
        }
        if let ints = indices.ints { return ints.map(position) }
        guard let doubles = indices.doubles else { throw OpError("indices must be numeric, got \(indices.dtype)") }
        return doubles.map { value in
            guard value.rounded() == value, abs(value) < Double(TensorOps.maxElements) else { return -1 }
            return position(Int(value))
        }
    }

    private struct Fill: TensorOps.ElementVisitor {
        let hot: [Int]
        let outer: Int
        let depth: Int
        let inner: Int
        let count: Int

        func visit<T: TensorElement>(_ values: [T]) throws -> TensorStorage {
            guard values.count == 2 else { throw OpError("values must hold [off, on]") }
            var out = [T](repeating: values[0], count: count)
            let on = values[1]
            for o in 0..<outer {
                for i in 0..<inner {
                    let p = hot[o * inner + i]
                    if p >= 0 { out[(o * depth + p) * inner + i] = on }
                }
            }
            return T.storage(out)
        }
    }
}
