import LastmileTensor

/// `Scan` (opset 9 and later): iterates its body over slices of the scan inputs along their
/// scan axes, carrying state values and stacking the per-iteration scan outputs.
struct Scan: Kernel {
    let body: Subgraph
    let scanInputCount: Int
    let inputAxes: [Int]
    let inputReversed: [Bool]
    let outputAxes: [Int]
    let outputReversed: [Bool]

    init(_ ctx: NodeContext) throws {
        guard ctx.opset >= 9 else {
            throw OpError.unsupported("Scan before opset 9 (with a batch axis and sequence_lens) is not supported")
        }
        body = try ctx.subgraph("body")
        scanInputCount = try ctx.int("num_scan_inputs")
        guard scanInputCount >= 1, scanInputCount <= ctx.node.inputs.count else {
            throw OpError("num_scan_inputs is \(scanInputCount), but the node has \(ctx.node.inputs.count) inputs")
        }
        inputAxes = try ctx.ints("scan_input_axes", default: Array(repeating: 0, count: scanInputCount))
        inputReversed = try ctx.ints("scan_input_directions", default: Array(repeating: 0, count: scanInputCount)).map { $0 != 0 }
        let scanOutputCount = body.outputNames.count - (ctx.node.inputs.count - scanInputCount)
        outputAxes = try ctx.ints("scan_output_axes", default: Array(repeating: 0, count: max(scanOutputCount, 0)))
        outputReversed = try ctx.ints("scan_output_directions", default: Array(repeating: 0, count: max(scanOutputCount, 0))).map { $0 != 0 }
        guard inputAxes.count == scanInputCount, inputReversed.count == scanInputCount else {
            throw OpError("scan_input_axes and scan_input_directions need \(scanInputCount) entries")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let stateCount = inputs.count - scanInputCount
        var state: [Value] = try (0..<stateCount).map { try inputs.value($0) }
        var scanInputs: [Tensor] = []
        var axes: [Int] = []
        for k in 0..<scanInputCount {
            let tensor = try inputs.tensor(stateCount + k)
            scanInputs.append(tensor)
            axes.append(try Shape.axis(inputAxes[k], rank: tensor.rank))
        }
        let length = scanInputs[0].shape[axes[0]]
        for (tensor, axis) in zip(scanInputs, axes) where tensor.shape[axis] != length {
            throw OpError("scan inputs have different lengths along their scan axes: \(length) and \(tensor.shape[axis])")
        }
        var scanOutputs: [[Tensor]] = []
        for step in 0..<length {
            let slices = try (0..<scanInputCount).map { k in
                Value.tensor(try scanInputs[k].slice(at: inputReversed[k] ? length - 1 - step : step, axis: axes[k]))
            }
            let outputs = try body.run(state + slices, captured: inputs.captured)
            guard outputs.count >= stateCount else { throw OpError("the body returns too few values") }
            state = Array(outputs[0..<stateCount])
            let produced = Array(outputs[stateCount...])
            if scanOutputs.isEmpty { scanOutputs = produced.map { _ in [] } }
            for (k, value) in produced.enumerated() {
                guard let tensor = value.tensor else { throw OpError("scan output \(k) is not a tensor") }
                scanOutputs[k].append(tensor)
            }
        }
        var results = state
        for (k, slices) in scanOutputs.enumerated() {
            let ordered = k < outputReversed.count && outputReversed[k] ? Array(slices.reversed()) : slices
            var stacked = try Tensor.stack(ordered)
            let axis = try Shape.axis(k < outputAxes.count ? outputAxes[k] : 0, rank: stacked.rank)
            if axis != 0 {
                var perm = Array(1..<stacked.rank)
                perm.insert(0, at: axis)
                stacked = try stacked.transposed(perm)
            }
            results.append(.tensor(stacked))
        }
        return results
    }
}
