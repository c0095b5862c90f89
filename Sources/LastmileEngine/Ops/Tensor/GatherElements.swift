import LastmileTensor

/// GatherElements (opsets 11-13): `out[i][j][k] = data[i][indices[i][j][k]][k]` (for axis 1);
/// the output has the shape of `indices`, which has the rank of `data` and no larger dimension
/// off the axis.
struct GatherElementsKernel: Kernel {
    let axis: Int

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: 0)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let indexTensor = try inputs.tensor(1)
        guard data.rank >= 1 else { throw OpError("data must have rank 1 or more, got a scalar") }
        let a = try TensorOps.axis(axis, rank: data.rank)
        let offsets = try TensorOps.elementOffsets(
            indices: indexTensor, dataShape: data.shape, axis: a, what: "indices")
        let gather = TensorOps.OffsetGather(offsets: offsets, size: 1)
        return [.tensor(try TensorOps.map(data, to: indexTensor.shape, gather))]
    }
}

extension TensorOps {
    /// For each element of `indices` (row-major), the flat offset in a tensor of `dataShape` of
    /// the element it addresses: the element's own position off `axis`, its value along `axis`.
    ///
    /// Shared by GatherElements and ScatterElements; validates ranks, shapes and index values.
    static func elementOffsets(indices: Tensor, dataShape: [Int], axis: Int, what: String) throws -> [Int] {
        let rank = dataShape.count
        guard indices.rank == rank else {
            throw OpError("\(what) has rank \(indices.rank) but data has rank \(rank)")
        }
        for d in 0..<rank where d != axis && indices.shape[d] > dataShape[d] {
            throw OpError("\(what) has shape \(indices.shape), larger than data \(dataShape) on axis \(d)")
        }
        let values = try self.indices(indices, axis: axis, size: dataShape[axis])
        let dataStrides = Shape.strides(dataShape)
        var baseStrides = dataStrides
        baseStrides[axis] = 0
        let axisStride = dataStrides[axis]
        var offsets = [Int](repeating: 0, count: values.count)
        var o = 0
        Broadcast.forEachRun(indices.shape, [baseStrides]) { start, inner, step in
            var p = start[0]
            let s = step[0]
            for _ in 0..<inner {
                offsets[o] = p + values[o] * axisStride
                o += 1
                p += s
            }
        }
        return offsets
    }

    /// Copies `size` elements from each of `offsets` in turn.
    struct OffsetGather: ElementVisitor {
        let offsets: [Int]
        let size: Int

        func visit<T: TensorElement>(_ values: [T]) -> TensorStorage {
            let count = offsets.count * size
            guard count > 0 else { return T.storage([]) }
            let out = [T](pooledCapacity: count) { out, written in
                values.withUnsafeBufferPointer { source in
                    guard let src = source.baseAddress, let dst = out.baseAddress else { return }
                    var o = 0
                    if size == 1 {
                        for offset in offsets {
                            (dst + o).initialize(to: src[offset])
                            o += 1
                        }
                    } else {
                        for offset in offsets {
                            (dst + o).initialize(from: src + offset, count: size)
                            o += size
                        }
                    }
                    written = o
                }
            }
            return T.storage(out)
        }
    }
}
