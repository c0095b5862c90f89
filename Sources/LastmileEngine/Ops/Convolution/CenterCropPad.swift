import LastmileTensor

/// CenterCropPad (opsets 18, 21): crops or zero-pads each named axis to the requested length,
/// keeping the input centred (an odd difference puts the extra element at the end).
struct CenterCropPadKernel: Kernel {
    let axes: [Int]?

    init(_ ctx: NodeContext) throws {
        axes = try ctx.optionalInts("axes")
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let target = try TensorOps.integers(try inputs.tensor(1), "shape")
        let axes = try TensorOps.axes(self.axes ?? Array(0..<data.rank), rank: data.rank)
        guard target.count == axes.count else {
            throw OpError("shape has \(target.count) values, expected \(axes.count) (one per axis)")
        }
        var begin = [Int](repeating: 0, count: data.rank), end = begin
        for (i, a) in axes.enumerated() {
            guard target[i] >= 0 else { throw OpError("shape \(target) must not be negative") }
            let difference = target[i] - data.shape[a]
            // Positive differences pad, negative ones crop; the smaller half goes first.
            let first = difference >= 0 ? difference / 2 : -((-difference) / 2)
            begin[a] = first
            end[a] = difference - first
        }
        let plan = try PadPlan(shape: data.shape, begin: begin, end: end, mode: .constant)
        return [.tensor(try TensorOps.map(data, to: plan.outputShape, PadFill(plan: plan, constant: nil, fallback: 0)))]
    }
}
