import LastmileTensor

/// Gather (opsets 1-13): picks slices of `data` along `axis` at the given indices (negative
/// indices count from the end, opset 11+). The output shape is
/// `data.shape[..<axis] + indices.shape + data.shape[(axis+1)...]`.
struct GatherKernel: Kernel {
    let axis: Int

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: 0)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let indexTensor = try inputs.tensor(1)
        guard data.rank >= 1 else { throw OpError("data must have rank 1 or more, got a scalar") }
        let a = try TensorOps.axis(axis, rank: data.rank)
        let dim = data.shape[a]
        let indices = try TensorOps.indices(indexTensor, axis: a, size: dim)
        let shape = Array(data.shape[..<a]) + indexTensor.shape + Array(data.shape[(a + 1)...])
        let gather = Picked(
            indices: indices, outer: try TensorOps.product(data.shape[..<a]), dim: dim,
            inner: try TensorOps.product(data.shape[(a + 1)...]), count: try TensorOps.elementCount(shape))
        return [.tensor(try TensorOps.map(data, to: shape, gather))]
    }

    /// For each outer index, the inner blocks at each of `indices` in turn.
    private struct Picked: TensorOps.ElementVisitor {
        let indices: [Int]
        let outer: Int
        let dim: Int
        let inner: Int
        let count: Int

        func visit<T: TensorElement>(_ values: [T]) -> TensorStorage {
            guard count > 0 else { return T.storage([]) }
            let out = [T](pooledCapacity: count) { out, written in
                values.withUnsafeBufferPointer { source in
                    guard let src = source.baseAddress, let dst = out.baseAddress else { return }
                    var o = 0
                    for i in 0..<outer {
                        let base = i * dim
                        if inner == 1 {
                            for index in indices {
                                (dst + o).initialize(to: src[base + index])
                                o += 1
                            }
                        } else {
                            for index in indices {
                                (dst + o).initialize(from: src + (base + index) * inner, count: inner)
                                o += inner
                            }
                        }
                    }
                    written = o
                }
            }
            return T.storage(out)
        }
    }
}

extension TensorOps {
    /// The elements of an integer index tensor made non-negative for an axis of `size`; an index
    /// outside [-size, size - 1] is an error.
    static func indices(_ tensor: Tensor, axis: Int, size: Int) throws -> [Int] {
        var indices = try integers(tensor, "indices")
        for i in indices.indices {
            let index = indices[i]
            let normalized = index < 0 ? index + size : index
            guard normalized >= 0, normalized < size else {
                throw OpError("index \(index) is out of range for axis \(axis) of size \(size)")
            }
            indices[i] = normalized
        }
        return indices
    }
}
