import LastmileTensor

/// RNN (opsets 1-22): `H = f(X · Wᵀ + H · Rᵀ + Wb + Rb)` with `clip`, `sequence_lens` and the
/// batch-first `layout` of opset 14; outputs Y and Y_h.
struct RNNKernel: Kernel {
    let attributes: RecurrentAttributes

    init(_ ctx: NodeContext) throws {
        attributes = try RecurrentAttributes(ctx, defaultActivations: ["Tanh"])
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let problem = try RecurrentProblem(inputs, attributes, gates: 1)
        let hidden = problem.hidden
        let batch = problem.batch
        let seq = problem.sequenceLength
        let directions = problem.directions
        var hState = try problem.state(inputs, 5, layout: attributes.layout, name: "initial_h")
        var y = [Float](repeating: 0, count: seq * directions * batch * hidden)
        var gates = [Float](repeating: 0, count: batch * hidden)
        for d in 0..<directions {
            let bias = (0..<hidden).map { problem.b[d * 2 * hidden + $0] + problem.b[d * 2 * hidden + hidden + $0] }
            let projected = problem.projectInput(direction: d, gates: 1, bias: bias)
            let f = attributes.activations[d]
            let clip = attributes.clip
            let reversed = attributes.reversed[d]
            let lengths = problem.lengths
            projected.withUnsafeBufferPointer { projectedBuffer in
            problem.r.withUnsafeBufferPointer { rBuffer in
            gates.withUnsafeMutableBufferPointer { gatesBuffer in
            hState.withUnsafeMutableBufferPointer { hBuffer in
            y.withUnsafeMutableBufferPointer { yBuffer in
                guard let xw = projectedBuffer.baseAddress, let rBase = rBuffer.baseAddress,
                      let gatesBase = gatesBuffer.baseAddress, let hBase = hBuffer.baseAddress,
                      let yBase = yBuffer.baseAddress else { return }
                let hs = hBase + d * batch * hidden
                let rd = rBase + d * hidden * hidden
                for s in 0..<seq {
                    let t = reversed ? seq - 1 - s : s
                    gatesBase.update(from: xw + t * batch * hidden, count: batch * hidden)
                    BLAS.gemm(
                        transA: false, transB: true, m: batch, n: hidden, k: hidden,
                        alpha: 1, a: hs, lda: hidden, b: rd, ldb: hidden,
                        beta: 1, c: gatesBase, ldc: hidden)
                    for b in 0..<batch where t < lengths[b] {
                        let row = gatesBase + b * hidden
                        f.apply(row, hidden, clip: clip)
                        (hs + b * hidden).update(from: row, count: hidden)
                        (yBase + ((t * directions + d) * batch + b) * hidden).update(from: row, count: hidden)
                    }
                }
            }
            }
            }
            }
            }
        }
        return try problem.outputs(y: y, states: [hState], layout: attributes.layout)
    }
}
