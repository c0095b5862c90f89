import LastmileTensor

/// GRU (opsets 1-22): gates z, r, h with `linear_before_reset` (opset 3), `clip`,
/// `sequence_lens` and the batch-first `layout` of opset 14; outputs Y and Y_h.
///
/// Computes in float32 with one GEMM for every step's input projections and, per step, one
/// GEMM for the z and r gates and one for the hidden gate.
struct GRUKernel: Kernel {
    let attributes: RecurrentAttributes
    let linearBeforeReset: Bool

    init(_ ctx: NodeContext) throws {
        attributes = try RecurrentAttributes(ctx, defaultActivations: ["Sigmoid", "Tanh"])
        linearBeforeReset = try ctx.int("linear_before_reset", default: 0) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let problem = try RecurrentProblem(inputs, attributes, gates: 3)
        let hidden = problem.hidden
        let seq = problem.sequenceLength
        var h = try problem.state(inputs, 5, layout: attributes.layout, name: "initial_h")
        var y = [Float](repeating: 0, count: seq * problem.directions * problem.batch * hidden)
        let width = 3 * hidden
        for d in 0..<problem.directions {
            let wb = problem.b[(d * 2 * width)..<(d * 2 * width + width)]
            let rb = Array(problem.b[(d * 2 * width + width)..<((d + 1) * 2 * width)])
            // z and r take both biases up front; the hidden gate's recurrent bias goes inside.
            let bias = (0..<width).map { wb[d * 2 * width + $0] + ($0 < 2 * hidden ? rb[$0] : 0) }
            let projected = problem.projectInput(direction: d, gates: 3, bias: bias)
            let step = Step(
                hidden: hidden, batch: problem.batch, directions: problem.directions, direction: d,
                f: attributes.activations[2 * d], g: attributes.activations[2 * d + 1], clip: attributes.clip,
                linearBeforeReset: linearBeforeReset, hiddenBias: Array(rb[(2 * hidden)...]))
            step.run(
                projected: projected, r: problem.r, lengths: problem.lengths, reversed: attributes.reversed[d],
                sequenceLength: seq, h: &h, y: &y)
        }
        return try problem.outputs(y: y, states: [h], layout: attributes.layout)
    }

    /// One direction's recurrence.
    private struct Step {
        let hidden: Int
        let batch: Int
        let directions: Int
        let direction: Int
        let f: RecurrentActivation
        let g: RecurrentActivation
        let clip: Float?
        let linearBeforeReset: Bool
        let hiddenBias: [Float]

        func run(
            projected: [Float], r: [Float], lengths: [Int], reversed: Bool,
            sequenceLength seq: Int, h hState: inout [Float], y: inout [Float]
        ) {
            let width = 3 * hidden
            let stateOffset = direction * batch * hidden
            var gates = [Float](repeating: 0, count: batch * width)
            // linear_before_reset: H · Rhᵀ + Rbh; otherwise (r ⊙ H).
            var recurrent = [Float](repeating: 0, count: batch * hidden)
            projected.withUnsafeBufferPointer { projectedBuffer in
            r.withUnsafeBufferPointer { rBuffer in
            hiddenBias.withUnsafeBufferPointer { rbhBuffer in
            gates.withUnsafeMutableBufferPointer { gatesBuffer in
            recurrent.withUnsafeMutableBufferPointer { recurrentBuffer in
            hState.withUnsafeMutableBufferPointer { hBuffer in
            y.withUnsafeMutableBufferPointer { yBuffer in
                guard let xw = projectedBuffer.baseAddress, let rBase = rBuffer.baseAddress,
                      let rbh = rbhBuffer.baseAddress, let gatesBase = gatesBuffer.baseAddress,
                      let rec = recurrentBuffer.baseAddress, let hBase = hBuffer.baseAddress,
                      let yBase = yBuffer.baseAddress else { return }
                let hs = hBase + stateOffset
                let rd = rBase + direction * width * hidden
                let rh = rd + 2 * hidden * hidden
                for s in 0..<seq {
                    let t = reversed ? seq - 1 - s : s
                    gatesBase.update(from: xw + t * batch * width, count: batch * width)
                    BLAS.gemm(
                        transA: false, transB: true, m: batch, n: 2 * hidden, k: hidden,
                        alpha: 1, a: hs, lda: hidden, b: rd, ldb: hidden,
                        beta: 1, c: gatesBase, ldc: width)
                    for b in 0..<batch {
                        let gz = gatesBase + b * width
                        f.apply(gz, 2 * hidden, clip: clip)
                    }
                    if linearBeforeReset {
                        for b in 0..<batch { (rec + b * hidden).update(from: rbh, count: hidden) }
                        BLAS.gemm(
                            transA: false, transB: true, m: batch, n: hidden, k: hidden,
                            alpha: 1, a: hs, lda: hidden, b: rh, ldb: hidden,
                            beta: 1, c: rec, ldc: hidden)
                        for b in 0..<batch {
                            let gr = gatesBase + b * width + hidden
                            let gh = gr + hidden
                            let row = rec + b * hidden
                            for j in 0..<hidden { gh[j] = gr[j] * row[j] + gh[j] }
                        }
                    } else {
                        for b in 0..<batch {
                            let gr = gatesBase + b * width + hidden
                            let gh = gr + hidden
                            let row = rec + b * hidden
                            let hRow = hs + b * hidden
                            for j in 0..<hidden {
                                row[j] = gr[j] * hRow[j]
                                gh[j] += rbh[j]
                            }
                        }
                        BLAS.gemm(
                            transA: false, transB: true, m: batch, n: hidden, k: hidden,
                            alpha: 1, a: rec, lda: hidden, b: rh, ldb: hidden,
                            beta: 1, c: gatesBase + 2 * hidden, ldc: width)
                    }
                    for b in 0..<batch where t < lengths[b] {
                        let gz = gatesBase + b * width
                        let gh = gz + 2 * hidden
                        g.apply(gh, hidden, clip: clip)
                        let hRow = hs + b * hidden
                        let yRow = yBase + ((t * directions + direction) * batch + b) * hidden
                        for j in 0..<hidden {
                            let value = (1 - gz[j]) * gh[j] + gz[j] * hRow[j]
                            hRow[j] = value
                            yRow[j] = value
                        }
                    }
                }
            }
            }
            }
            }
            }
            }
            }
        }
    }
}
