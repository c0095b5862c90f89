import LastmileTensor

/// RotaryEmbedding (opset 23): rotates the first `rotary_embedding_dim` features of each head by
/// position-dependent angles: `(x1, x2) -> (cos x1 - sin x2, sin x1 + cos x2)`, pairing halves
/// (default) or adjacent features (`interleaved`). Input is (B, H, S, D) or (B, S, H*D) with
/// `num_heads`; the caches are (B, S, R/2), or (max position, R/2) indexed by `position_ids` (B, S).
struct RotaryEmbeddingKernel: Kernel {
    let interleaved: Bool
    let rotaryDim: Int
    let numHeads: Int

    init(_ ctx: NodeContext) throws {
        interleaved = try ctx.int("interleaved", default: 0) != 0
        rotaryDim = try ctx.int("rotary_embedding_dim", default: 0)
        numHeads = try ctx.int("num_heads", default: 0)
        guard rotaryDim >= 0, numHeads >= 0 else {
            throw OpError("rotary_embedding_dim and num_heads must not be negative")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let input = try inputs.tensor(0)
        let x = try Quantization.floats(input, "input")
        let cosCache = try Quantization.floats(inputs.tensor(1), "cos_cache")
        let sinCache = try Quantization.floats(inputs.tensor(2), "sin_cache")
        let cacheShape = try inputs.tensor(1).shape
        guard try inputs.tensor(2).shape == cacheShape else { throw OpError("cos_cache and sin_cache must have the same shape") }
        // Strides of (batch, head, sequence, feature) in the input's own layout.
        let b, h, s, d: Int
        let strides: (Int, Int, Int)
        switch input.rank {
        case 4:
            (b, h, s, d) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
            strides = (h * s * d, s * d, d)
        case 3:
            guard numHeads > 0, input.shape[2] % numHeads == 0 else {
                throw OpError("a 3-D input needs num_heads dividing its hidden size \(input.shape[2])")
            }
            (b, h, s, d) = (input.shape[0], numHeads, input.shape[1], input.shape[2] / numHeads)
            strides = (s * h * d, d, h * d)
        default:
            throw OpError("input must have rank 3 or 4, got shape \(input.shape)")
        }
        let rot = rotaryDim == 0 ? d : rotaryDim
        guard rot <= d, rot % 2 == 0 else { throw OpError("rotary_embedding_dim \(rot) must be even and at most the head size \(d)") }
        let half = rot / 2
        guard cacheShape.last == half else {
            throw OpError("the caches' last dimension must be rotary_embedding_dim / 2 = \(half), got shape \(cacheShape)")
        }
        // The cache row of each (batch, position).
        var rows = [Int](repeating: 0, count: b * s)
        if let ids = try inputs.optionalTensor(3) {
            guard let p = ids.ints, ids.shape == [b, s], cacheShape.count == 2 else {
                throw OpError("position_ids must be integers of shape \([b, s]) with 2-D caches")
            }
            for (i, row) in p.enumerated() {
                guard row >= 0, row < cacheShape[0] else { throw OpError("position id \(row) is out of range [0, \(cacheShape[0]))") }
                rows[i] = row
            }
        } else {
            guard cacheShape == [b, s, half] else {
                throw OpError("without position_ids the caches must have shape \([b, s, half]), got \(cacheShape)")
            }
            for i in 0..<(b * s) { rows[i] = i }
        }
        var y = x
        for bi in 0..<b {
            for hi in 0..<h {
                for si in 0..<s {
                    let base = bi * strides.0 + hi * strides.1 + si * strides.2
                    let cacheBase = rows[bi * s + si] * half
                    for j in 0..<half {
                        let c = cosCache[cacheBase + j], sn = sinCache[cacheBase + j]
                        let i1 = interleaved ? base + 2 * j : base + j
                        let i2 = interleaved ? i1 + 1 : i1 + half
                        let x1 = x[i1], x2 = x[i2]
                        y[i1] = c * x1 - sn * x2
                        y[i2] = sn * x1 + c * x2
                    }
                }
            }
        }
        return [.tensor(try TensorOps.rethrowing { try Tensor(unchecked: input.shape, y).cast(to: input.dtype) })]
    }
}
