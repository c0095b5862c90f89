import LastmileTensor

/// GatherND (opsets 11-13): gathers slices of `data` addressed by the index tuples along the last
/// axis of `indices`, with `batch_dims` leading batch axes (opset 12+).
struct GatherNDKernel: Kernel {
    let batchDims: Int

    init(_ ctx: NodeContext) throws {
        batchDims = try ctx.int("batch_dims", default: 0)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let indexTensor = try inputs.tensor(1)
        let plan = try TensorOps.NDIndexing(
            dataShape: data.shape, indices: indexTensor, batchDims: batchDims, what: "indices")
        let shape = Array(indexTensor.shape.dropLast()) + Array(data.shape[(batchDims + plan.depth)...])
        let gather = TensorOps.OffsetGather(offsets: plan.offsets, size: plan.sliceSize)
        return [.tensor(try TensorOps.map(data, to: shape, gather))]
    }
}

extension TensorOps {
    /// The slices addressed by an ND index tensor (GatherND, ScatterND): one flat data offset per
    /// index tuple, each the start of `sliceSize` contiguous elements.
    struct NDIndexing {
        /// The tuple length: how many leading data axes (after the batch axes) an index fixes.
        let depth: Int
        let sliceSize: Int
        let offsets: [Int]

        init(dataShape: [Int], indices: Tensor, batchDims: Int, what: String) throws {
            let r = dataShape.count
            let q = indices.rank
            guard r >= 1, q >= 1 else { throw OpError("data and \(what) must have rank 1 or more") }
            guard batchDims >= 0, batchDims < min(q, r) else {
                throw OpError("batch_dims \(batchDims) must be in [0, \(min(q, r) - 1)]")
            }
            guard indices.shape[..<batchDims] == dataShape[..<batchDims] else {
                throw OpError("\(what) shape \(indices.shape) and data shape \(dataShape) differ on the batch axes")
            }
            let k = indices.shape[q - 1]
            guard k >= 1, k <= r - batchDims else {
                throw OpError("the last axis of \(what) has size \(k), expected 1 to \(r - batchDims)")
            }
            let values = try integers(indices, what)
            let dataStrides = Shape.strides(dataShape)
            let batchCount = try product(dataShape[..<batchDims])
            let batchStride = try product(dataShape[batchDims...])
            let tupleCount = values.count / k
            let tuplesPerBatch = batchCount > 0 ? tupleCount / batchCount : 0
            var offsets = [Int](repeating: 0, count: tupleCount)
            for t in 0..<tupleCount {
                var offset = (t / max(tuplesPerBatch, 1)) * batchStride
                for j in 0..<k {
                    let size = dataShape[batchDims + j]
                    let index = values[t * k + j]
                    let normalized = index < 0 ? index + size : index
                    guard normalized >= 0, normalized < size else {
                        throw OpError("index \(index) is out of range for axis \(batchDims + j) of size \(size)")
                    }
                    offset += normalized * dataStrides[batchDims + j]
                }
                offsets[t] = offset
            }
            self.depth = k
            self.sliceSize = try product(dataShape[(batchDims + k)...])
            self.offsets = offsets
        }
    }
}
