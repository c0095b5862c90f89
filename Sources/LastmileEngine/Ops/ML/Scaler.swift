import LastmileTensor

/// ai.onnx.ml Scaler (opset 1): `Y = (X - offset) * scale` as float, per feature (the last axis
/// of a 1-D input, axis 1 otherwise) or with one value for all.
///
/// As in onnxruntime, double inputs are scaled in double and integers in float.
struct ScalerKernel: Kernel {
    let offset: [Float]
    let scale: [Float]

    init(_ ctx: NodeContext) throws {
        var offset = try ctx.floats("offset", default: [])
        var scale = try ctx.floats("scale", default: [])
        if offset.isEmpty { offset = [Float](repeating: 0, count: max(scale.count, 1)) }
        if scale.isEmpty { scale = [Float](repeating: 1, count: offset.count) }
        guard offset.count == scale.count else {
            throw OpError("Scaler has \(offset.count) offsets but \(scale.count) scales; they must have the same length")
        }
        self.offset = offset
        self.scale = scale
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank >= 1 else { throw OpError("Scaler expects an input of rank 1 or more, got a scalar") }
        let stride = x.rank == 1 ? x.shape[0] : x.shape[1]
        let perFeature = offset.count == stride
        guard perFeature || offset.count == 1 else {
            throw OpError("Scaler has \(offset.count) offsets and scales; the input has \(stride) features (either both or 1)")
        }
        var out = [Float](repeating: 0, count: x.count)
        if case .float64(let values) = x.storage {
            for i in values.indices {
                let j = perFeature ? i % stride : 0
                out[i] = Float((values[i] - Double(offset[j])) * Double(scale[j]))
            }
        } else {
            let values = try MLInput.floats(x, op: "Scaler")
            if perFeature {
                for i in values.indices {
                    let j = i % stride
                    out[i] = (values[i] - offset[j]) * scale[j]
                }
            } else {
                let o = offset[0], s = scale[0]
                for i in values.indices { out[i] = (values[i] - o) * s }
            }
        }
        return [.tensor(Tensor(unchecked: x.shape, out))]
    }
}
