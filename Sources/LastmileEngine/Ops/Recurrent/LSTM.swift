import LastmileTensor

/// LSTM (opsets 1-22): gates i, o, f, c with optional peepholes `P` (i, o, f), coupled input
/// and forget gates (`input_forget`), `clip`, per-batch `sequence_lens` and the batch-first
/// `layout` of opset 14; outputs Y, Y_h and Y_c.
///
/// Computes in float32: the input projections of every step are one GEMM, then each step adds
/// `H · Rᵀ` with a second GEMM. Entries past their sequence length keep their state and get
/// zeros in Y, as in onnxruntime.
struct LSTMKernel: Kernel {
    let attributes: RecurrentAttributes
    let inputForget: Bool

    init(_ ctx: NodeContext) throws {
        attributes = try RecurrentAttributes(ctx, defaultActivations: ["Sigmoid", "Tanh", "Tanh"])
        inputForget = try ctx.int("input_forget", default: 0) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let problem = try RecurrentProblem(inputs, attributes, gates: 4)
        let hidden = problem.hidden
        let batch = problem.batch
        let seq = problem.sequenceLength
        let directions = problem.directions
        var h = try problem.state(inputs, 5, layout: attributes.layout, name: "initial_h")
        var c = try problem.state(inputs, 6, layout: attributes.layout, name: "initial_c")
        var peepholes: [Float]?
        if let p = try inputs.optionalTensor(7) {
            guard p.shape == [directions, 3 * hidden] else {
                throw OpError("P has shape \(p.shape), expected \([directions, 3 * hidden])")
            }
            peepholes = try RecurrentProblem.floats(p)
        }
        var y = [Float](repeating: 0, count: seq * directions * batch * hidden)
        let width = 4 * hidden
        for d in 0..<directions {
            let bias = (0..<width).map { problem.b[d * 2 * width + $0] + problem.b[d * 2 * width + width + $0] }
            let projected = problem.projectInput(direction: d, gates: 4, bias: bias)
            let peephole = peepholes.map { Array($0[(d * 3 * hidden)..<((d + 1) * 3 * hidden)]) }
            let step = Step(
                hidden: hidden, batch: batch, directions: directions, direction: d,
                f: attributes.activations[3 * d], g: attributes.activations[3 * d + 1],
                h: attributes.activations[3 * d + 2], clip: attributes.clip, inputForget: inputForget)
            step.run(
                projected: projected, r: problem.r, peephole: peephole, lengths: problem.lengths,
                reversed: attributes.reversed[d], sequenceLength: seq, h: &h, c: &c, y: &y)
        }
        return try problem.outputs(y: y, states: [h, c], layout: attributes.layout)
    }

    /// One direction's recurrence.
    private struct Step {
        let hidden: Int
        let batch: Int
        let directions: Int
        let direction: Int
        let f: RecurrentActivation
        let g: RecurrentActivation
        let h: RecurrentActivation
        let clip: Float?
        let inputForget: Bool

        func run(
            projected: [Float], r: [Float], peephole: [Float]?, lengths: [Int], reversed: Bool,
            sequenceLength seq: Int, h hState: inout [Float], c cState: inout [Float], y: inout [Float]
        ) {
            let width = 4 * hidden
            let stateOffset = direction * batch * hidden
            var gates = [Float](repeating: 0, count: batch * width)
            var scratch = [Float](repeating: 0, count: hidden)
            let hasPeepholes = peephole != nil
            let peephole = peephole ?? []
            projected.withUnsafeBufferPointer { projectedBuffer in
            r.withUnsafeBufferPointer { rBuffer in
            peephole.withUnsafeBufferPointer { pBuffer in
            gates.withUnsafeMutableBufferPointer { gatesBuffer in
            scratch.withUnsafeMutableBufferPointer { scratchBuffer in
            hState.withUnsafeMutableBufferPointer { hBuffer in
            cState.withUnsafeMutableBufferPointer { cBuffer in
            y.withUnsafeMutableBufferPointer { yBuffer in
                guard let xw = projectedBuffer.baseAddress, let rBase = rBuffer.baseAddress,
                      let gatesBase = gatesBuffer.baseAddress, let tmp = scratchBuffer.baseAddress,
                      let hBase = hBuffer.baseAddress, let cBase = cBuffer.baseAddress,
                      let yBase = yBuffer.baseAddress else { return }
                let hs = hBase + stateOffset
                let cs = cBase + stateOffset
                let rd = rBase + direction * width * hidden
                // An empty array's buffer may still have a base address, so test the flag.
                let pi = hasPeepholes ? pBuffer.baseAddress : nil
                for s in 0..<seq {
                    let t = reversed ? seq - 1 - s : s
                    gatesBase.update(from: xw + t * batch * width, count: batch * width)
                    BLAS.gemm(
                        transA: false, transB: true, m: batch, n: width, k: hidden,
                        alpha: 1, a: hs, lda: hidden, b: rd, ldb: hidden,
                        beta: 1, c: gatesBase, ldc: width)
                    for b in 0..<batch where t < lengths[b] {
                        let gi = gatesBase + b * width
                        let go = gi + hidden
                        let gf = go + hidden
                        let gc = gf + hidden
                        let cPrev = cs + b * hidden
                        let hOut = hs + b * hidden
                        if let pi {
                            recurrentMultiplyAdd(gi, pi, cPrev, hidden)
                            recurrentMultiplyAdd(gf, pi + 2 * hidden, cPrev, hidden)
                        }
                        f.apply(gi, hidden, clip: clip)
                        if inputForget {
                            for j in 0..<hidden { gf[j] = 1 - gi[j] }
                        } else {
                            f.apply(gf, hidden, clip: clip)
                        }
                        g.apply(gc, hidden, clip: clip)
                        for j in 0..<hidden { cPrev[j] = gf[j] * cPrev[j] + gi[j] * gc[j] }
                        if let pi { recurrentMultiplyAdd(go, pi + hidden, cPrev, hidden) }
                        f.apply(go, hidden, clip: clip)
                        tmp.update(from: cPrev, count: hidden)
                        h.apply(tmp, hidden, clip: nil)
                        let yRow = yBase + ((t * directions + direction) * batch + b) * hidden
                        for j in 0..<hidden {
                            let value = go[j] * tmp[j]
                            hOut[j] = value
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
}
