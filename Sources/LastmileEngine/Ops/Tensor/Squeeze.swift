import LastmileTensor

/// Squeeze (opsets 1-23): removes size-1 axes without copying. The axes are the `axes`
/// attribute before opset 13 and the optional input 1 from then on; without axes (or with an
/// empty list, as onnxruntime reads it) every size-1 axis goes.
struct SqueezeKernel: Kernel {
    /// The `axes` attribute (opsets 1-12).
    let attributeAxes: [Int]?
    let axesFromInput: Bool

    init(_ ctx: NodeContext) throws {
        axesFromInput = ctx.opset >= 13
        attributeAxes = axesFromInput ? nil : try ctx.optionalInts("axes")
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        var axes = attributeAxes
        if axesFromInput, let tensor = try inputs.optionalTensor(1) {
            axes = try TensorOps.integers(tensor, "the axes input")
        }
        guard let axes, !axes.isEmpty else {
            return [.tensor(data.reshaped(unchecked: data.shape.filter { $0 != 1 }))]
        }
        var remove = [Bool](repeating: false, count: data.rank)
        for a in try TensorOps.axes(axes, rank: data.rank) {
            guard data.shape[a] == 1 else {
                throw OpError("cannot squeeze axis \(a) of shape \(data.shape): its size is not 1")
            }
            remove[a] = true
        }
        let shape = data.shape.indices.filter { !remove[$0] }.map { data.shape[$0] }
        return [.tensor(data.reshaped(unchecked: shape))]
    }
}
