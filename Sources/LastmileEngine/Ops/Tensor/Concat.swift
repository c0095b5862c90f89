import LastmileTensor

/// Concat (opsets 1-13): joins tensors along `axis` (default 1 before opset 4, required after;
/// negative from opset 11).
///
/// As in onnxruntime, an empty input whose shape does not match the others is skipped, so a
/// `[0]` placeholder can be concatenated with anything.
struct ConcatKernel: Kernel {
    let axis: Int

    init(_ ctx: NodeContext) throws {
        axis = ctx.opset < 4 ? try ctx.int("axis", default: 1) : try ctx.int("axis")
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let tensors = try (0..<inputs.count).map { try inputs.tensor($0) }
        guard let first = tensors.first else { throw OpError("needs at least one input") }
        let reference = tensors.first(where: { $0.count > 0 }) ?? first
        guard reference.rank >= 1 else { throw OpError("cannot concatenate scalars") }
        let a = try TensorOps.axis(axis, rank: reference.rank)
        var parts: [Tensor] = []
        var total = 0
        for (i, tensor) in tensors.enumerated() {
            guard tensor.dtype == reference.dtype else {
                throw OpError("input \(i) is \(tensor.dtype) but input 0 is \(first.dtype)")
            }
            let matches = tensor.rank == reference.rank
                && tensor.shape.indices.allSatisfy { $0 == a || tensor.shape[$0] == reference.shape[$0] }
            guard matches else {
                if tensor.count == 0 { continue }
                throw OpError("input \(i) has shape \(tensor.shape), which does not match \(reference.shape) outside axis \(a)")
            }
            total += tensor.shape[a]
            if tensor.count > 0 { parts.append(tensor) }
        }
        var shape = reference.shape
        shape[a] = total
        if parts.count == 1, let only = parts.first, only.shape == shape { return [.tensor(only)] }
        let outer = try TensorOps.product(shape[..<a])
        let inner = try TensorOps.product(shape[(a + 1)...])
        let count = try TensorOps.elementCount(shape)
        guard count > 0 else { return [.tensor(Tensor.zeros(reference.dtype, shape: shape))] }
        let chunks = parts.map { $0.shape[a] * inner }
        let joined = Joined(parts: parts.map(\.storage), chunks: chunks, outer: outer, count: count)
        return [.tensor(try TensorOps.map(reference, to: shape, joined))]
    }

    /// Interleaves the parts: for each outer index, one chunk of each part in turn.
    private struct Joined: TensorOps.ElementVisitor {
        let parts: [TensorStorage]
        let chunks: [Int]
        let outer: Int
        let count: Int

        func visit<T: TensorElement>(_ values: [T]) throws -> TensorStorage {
            let arrays = try parts.map { part -> [T] in
                guard let array = T.elements(of: part) else { throw OpError("inputs have different types") }
                return array
            }
            let out = [T](pooledCapacity: count) { out, written in
                guard let dst = out.baseAddress else { return }
                var o = 0
                for i in 0..<outer {
                    for (array, chunk) in zip(arrays, chunks) {
                        array.withUnsafeBufferPointer { src in
                            guard let base = src.baseAddress else { return }
                            (dst + o).initialize(from: base + i * chunk, count: chunk)
                            o += chunk
                        }
                    }
                }
                written = o
            }
            return T.storage(out)
        }
    }
}
