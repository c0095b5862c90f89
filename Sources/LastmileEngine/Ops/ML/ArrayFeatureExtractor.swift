import LastmileTensor

/// ai.onnx.ml ArrayFeatureExtractor (opset 1): selects elements of the last axis of X by the
/// int64 indices Y. A 1-D X gives `[1, count]`, as in onnxruntime.
struct ArrayFeatureExtractorKernel: Kernel {
    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let y = try inputs.tensor(1)
        guard x.rank >= 1 else { throw OpError("ArrayFeatureExtractor expects X of rank 1 or more, got a scalar") }
        guard let given = y.ints else {
            throw OpError("ArrayFeatureExtractor expects int64 indices, got \(y.dtype)")
        }
        guard !given.isEmpty else { throw OpError("ArrayFeatureExtractor got no indices") }
        let stride = x.shape[x.rank - 1]
        for (i, index) in given.enumerated() where index < -stride || index >= stride {
            throw OpError("ArrayFeatureExtractor index Y[\(i)] = \(index) is out of range for a last axis of \(stride)")
        }
        // Negative indices count from the end, as in numpy (skl2onnx's radius-neighbours models
        // use -1 for "no neighbour" and mask those values afterwards).
        let indices = given.map { $0 < 0 ? $0 + stride : $0 }
        var shape = x.shape
        if x.rank == 1 { shape = [1, indices.count] } else { shape[x.rank - 1] = indices.count }
        let outer = stride == 0 ? 0 : x.count / stride
        let storage = try x.storage.transformed(Gather(outer: outer, stride: stride, indices: indices))
        return [.tensor(try Tensor(shape: shape, storage: storage))]
    }

    private struct Gather: ElementTransform {
        let outer: Int
        let stride: Int
        let indices: [Int]

        func apply<T: TensorElement>(_ values: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(outer * indices.count)
            for r in 0..<outer {
                let base = r * stride
                for j in indices { out.append(values[base + j]) }
            }
            return out
        }
    }
}
