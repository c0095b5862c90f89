import LastmileTensor

/// SequenceMap (opset 17): runs the `body` graph once per element of the input sequence; the
/// other inputs are sequences of the same length (read element-wise) or tensors (passed
/// whole). Each body output becomes a sequence.
struct SequenceMapKernel: Kernel {
    let body: Subgraph
    let outputCount: Int

    init(_ ctx: NodeContext) throws {
        body = try ctx.subgraph("body")
        outputCount = (try ctx.optionalGraph("body"))?.outputs.count ?? 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let count = try inputs.sequence(0).count
        let arguments = try (0..<inputs.count).map { try inputs.value($0) }
        for (index, argument) in arguments.enumerated() {
            if case .sequence(let items) = argument, items.count != count {
                throw OpError("input \(index) is a sequence of \(items.count) values, but input 0 has \(count)")
            }
        }
        var results = [[Value]](repeating: [], count: outputCount)
        for i in 0..<count {
            let values = arguments.map { argument -> Value in
                if case .sequence(let items) = argument { return items[i] }
                return argument
            }
            let outputs = try body.run(values, captured: inputs.captured)
            guard outputs.count >= outputCount else {
                throw OpError("the body returns \(outputs.count) values, expected \(outputCount)")
            }
            for k in 0..<outputCount { results[k].append(outputs[k]) }
        }
        return results.map(Value.sequence)
    }
}
