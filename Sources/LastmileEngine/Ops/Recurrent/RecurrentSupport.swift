import LastmileTensor

/// The attributes LSTM, GRU and RNN share: direction, hidden size, activations, clip, layout.
struct RecurrentAttributes: Sendable {
    /// Whether each direction runs backwards in time (`[false]`, `[true]` or `[false, true]`).
    let reversed: [Bool]
    let hiddenSize: Int?
    let activations: [RecurrentActivation]
    let clip: Float?
    /// 0: `[seq, batch, ...]` tensors; 1 (opset 14): batch first.
    let layout: Int

    var directions: Int { reversed.count }

    init(_ ctx: NodeContext, defaultActivations: [String]) throws {
        switch try ctx.string("direction", default: "forward") {
        case "forward": reversed = [false]
        case "reverse": reversed = [true]
        case "bidirectional": reversed = [false, true]
        case let other: throw OpError("direction \"\(other)\" is not forward, reverse or bidirectional")
        }
        hiddenSize = try ctx.optionalInt("hidden_size")
        if let hiddenSize, hiddenSize <= 0 { throw OpError("hidden_size must be positive, got \(hiddenSize)") }
        activations = try RecurrentActivation.list(ctx, defaults: defaultActivations, directions: reversed.count)
        clip = try ctx.optionalFloat("clip")
        if let clip, !(clip > 0) { throw OpError("clip must be positive, got \(clip)") }
        layout = ctx.opset >= 14 ? try ctx.int("layout", default: 0) : 0
        guard layout == 0 || layout == 1 else { throw OpError("layout must be 0 or 1, got \(layout)") }
    }
}

/// The inputs of a recurrent op, validated and converted to float32 in the `[seq, batch, ...]`
/// layout: X, W, R, B, sequence_lens and the initial states.
struct RecurrentProblem {
    let dtype: DType
    let sequenceLength: Int
    let batch: Int
    let inputSize: Int
    let hidden: Int
    let directions: Int
    /// `[seq, batch, input]`.
    let x: [Float]
    /// `[directions, gates * hidden, input]`.
    let w: [Float]
    /// `[directions, gates * hidden, hidden]`.
    let r: [Float]
    /// `[directions, 2 * gates * hidden]`, zeros when B is omitted.
    let b: [Float]
    /// Valid steps per batch entry.
    let lengths: [Int]

    init(_ inputs: KernelInputs, _ attributes: RecurrentAttributes, gates: Int) throws {
        let xTensor = try inputs.tensor(0)
        dtype = xTensor.dtype
        guard dtype.isFloatingPoint else { throw OpError("X must be a float tensor, got \(dtype)") }
        guard xTensor.rank == 3 else { throw OpError("X must have rank 3, got shape \(xTensor.shape)") }
        let layoutX = attributes.layout == 0 ? xTensor : try xTensor.transposed([1, 0, 2])
        sequenceLength = layoutX.shape[0]
        batch = layoutX.shape[1]
        inputSize = layoutX.shape[2]
        directions = attributes.directions
        let wTensor = try inputs.tensor(1)
        let rTensor = try inputs.tensor(2)
        guard rTensor.rank == 3 else { throw OpError("R must have rank 3, got shape \(rTensor.shape)") }
        hidden = attributes.hiddenSize ?? rTensor.shape[2]
        guard hidden > 0 else { throw OpError("the hidden size must be positive, got \(hidden)") }
        let rows = gates * hidden
        guard wTensor.shape == [directions, rows, inputSize] else {
            throw OpError("W has shape \(wTensor.shape), expected \([directions, rows, inputSize])")
        }
        guard rTensor.shape == [directions, rows, hidden] else {
            throw OpError("R has shape \(rTensor.shape), expected \([directions, rows, hidden])")
        }
        x = try Self.floats(layoutX)
        w = try Self.floats(wTensor)
        r = try Self.floats(rTensor)
        if let bTensor = try inputs.optionalTensor(3) {
            guard bTensor.shape == [directions, 2 * rows] else {
                throw OpError("B has shape \(bTensor.shape), expected \([directions, 2 * rows])")
            }
            b = try Self.floats(bTensor)
        } else {
            b = [Float](repeating: 0, count: directions * 2 * rows)
        }
        if let lensTensor = try inputs.optionalTensor(4) {
            let values = try TensorOps.integers(lensTensor, "sequence_lens")
            guard values.count == batch else {
                throw OpError("sequence_lens has \(values.count) entries for a batch of \(batch)")
            }
            for value in values where value < 0 || value > sequenceLength {
                throw OpError("sequence_lens holds \(value), outside 0...\(sequenceLength)")
            }
            lengths = values
        } else {
            lengths = [Int](repeating: sequenceLength, count: batch)
        }
    }

    /// An initial state input (`[directions, batch, hidden]`, batch first in layout 1), or zeros.
    func state(_ inputs: KernelInputs, _ index: Int, layout: Int, name: String) throws -> [Float] {
        guard let tensor = try inputs.optionalTensor(index) else {
            return [Float](repeating: 0, count: directions * batch * hidden)
        }
        let expected = layout == 0 ? [directions, batch, hidden] : [batch, directions, hidden]
        guard tensor.shape == expected else { throw OpError("\(name) has shape \(tensor.shape), expected \(expected)") }
        return try Self.floats(layout == 0 ? tensor : tensor.transposed([1, 0, 2]))
    }

    /// The per-step input projections of direction `d`: `X · Wᵀ` plus `bias(row)` on each row,
    /// `[seq * batch, gates * hidden]`.
    func projectInput(direction d: Int, gates: Int, bias: [Float]) -> [Float] {
        let rows = sequenceLength * batch
        let width = gates * hidden
        var out = [Float](repeating: 0, count: rows * width)
        out.withUnsafeMutableBufferPointer { dst in
            guard let c = dst.baseAddress else { return }
            bias.withUnsafeBufferPointer { src in
                guard let biasBase = src.baseAddress else { return }
                for row in 0..<rows { (c + row * width).update(from: biasBase, count: width) }
            }
            x.withUnsafeBufferPointer { xs in
                w.withUnsafeBufferPointer { ws in
                    guard let a = xs.baseAddress, let wBase = ws.baseAddress, inputSize > 0 else { return }
                    BLAS.gemm(
                        transA: false, transB: true, m: rows, n: width, k: inputSize,
                        alpha: 1, a: a, lda: inputSize, b: wBase + d * width * inputSize, ldb: inputSize,
                        beta: 1, c: c, ldc: width)
                }
            }
        }
        return out
    }

    /// Y (`[seq, directions, batch, hidden]`) and the final states as tensors of the input type,
    /// in the node's layout.
    func outputs(y: [Float], states: [[Float]], layout: Int) throws -> [Value] {
        var yTensor = Tensor(unchecked: [sequenceLength, directions, batch, hidden], y)
        var results: [Tensor] = []
        if layout == 1 { yTensor = try yTensor.transposed([2, 0, 1, 3]) }
        results.append(yTensor)
        for state in states {
            let t = Tensor(unchecked: [directions, batch, hidden], state)
            results.append(layout == 1 ? try t.transposed([1, 0, 2]) : t)
        }
        return try results.map { .tensor(dtype == .float32 ? $0 : try $0.cast(to: dtype)) }
    }

    static func floats(_ tensor: Tensor) throws -> [Float] {
        if let values = tensor.elements(Float.self) { return values }
        guard tensor.dtype.isFloatingPoint, let values = try tensor.cast(to: .float32).elements(Float.self) else {
            throw OpError("expected a float tensor, got \(tensor.dtype)")
        }
        return values
    }
}

/// `c[0..<n] += a[0..<n] * b[0..<n]`.
@inline(__always)
func recurrentMultiplyAdd(_ c: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) {
    for i in 0..<n { c[i] = a[i] * b[i] + c[i] }
}
