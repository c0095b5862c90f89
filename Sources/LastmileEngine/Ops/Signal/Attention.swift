import Foundation
import LastmileTensor

/// Attention (opset 23): `softmax(scale * Q Kᵀ + bias [softcapped]) V` per batch and head, with
/// grouped-query heads (Q heads share K/V heads in groups), 3-D inputs (`q_num_heads`,
/// `kv_num_heads` split the hidden size), `past_key`/`past_value` concatenated along the sequence
/// (returned as `present_key`/`present_value`), a bool or additive `attn_mask` (its last axis
/// may be shorter than the total sequence and is padded as masked), `is_causal` (offset by the
/// past length), `nonpad_kv_seqlen` (24), and the optional `qk_matmul_output` chosen by
/// `qk_matmul_output_mode` (0 QKᵀ, 1 plus bias, 2 softcapped, 3 softmax). Computes in float32.
struct AttentionKernel: Kernel {
    let scale: Float?
    let isCausal: Bool
    let qHeads: Int?
    let kvHeads: Int?
    let softcap: Float
    let outputMode: Int
    let wantsScores: Bool

    init(_ ctx: NodeContext) throws {
        scale = try ctx.optionalFloat("scale")
        isCausal = try ctx.int("is_causal", default: 0) != 0
        qHeads = try ctx.optionalInt("q_num_heads")
        kvHeads = try ctx.optionalInt("kv_num_heads")
        softcap = try ctx.float("softcap", default: 0)
        outputMode = try ctx.int("qk_matmul_output_mode", default: 0)
        guard (0...3).contains(outputMode) else {
            throw OpError("qk_matmul_output_mode must be 0, 1, 2 or 3, got \(outputMode)")
        }
        wantsScores = ctx.node.outputs.count > 3 && !ctx.node.outputs[3].isEmpty
    }

    /// A tensor as (B, H, S, D) float32 elements.
    private struct Heads {
        var values: [Float]
        var batch: Int, heads: Int, length: Int, size: Int
    }

    private static func heads(_ t: Tensor, _ count: Int?, _ what: String) throws -> Heads {
        let values = try Quantization.floats(t, what)
        if t.rank == 4 {
            return Heads(values: values, batch: t.shape[0], heads: t.shape[1], length: t.shape[2], size: t.shape[3])
        }
        guard t.rank == 3 else { throw OpError("\(what) must have rank 3 or 4, got shape \(t.shape)") }
        guard let count, count > 0, t.shape[2] % count == 0 else {
            throw OpError("\(what) is 3-D (shape \(t.shape)): q_num_heads and kv_num_heads must be set and divide the hidden size")
        }
        let (b, s, d) = (t.shape[0], t.shape[1], t.shape[2] / count)
        var out = [Float](repeating: 0, count: values.count)
        for bi in 0..<b {
            for si in 0..<s {
                for h in 0..<count {
                    let src = (bi * s + si) * count * d + h * d
                    let dst = ((bi * count + h) * s + si) * d
                    for x in 0..<d { out[dst + x] = values[src + x] }
                }
            }
        }
        return Heads(values: out, batch: b, heads: count, length: s, size: d)
    }

    /// Concatenates `past` and `new` along the sequence axis.
    private static func concat(_ past: Heads?, _ new: Heads, _ what: String) throws -> Heads {
        guard let past else { return new }
        guard past.batch == new.batch, past.heads == new.heads, past.size == new.size else {
            throw OpError("\(what) has shape \([past.batch, past.heads, past.length, past.size]), which does not match the new keys/values \([new.batch, new.heads, new.length, new.size])")
        }
        let total = past.length + new.length
        var out = [Float](repeating: 0, count: new.batch * new.heads * total * new.size)
        for bh in 0..<(new.batch * new.heads) {
            let dst = bh * total * new.size
            for i in 0..<(past.length * past.size) { out[dst + i] = past.values[bh * past.length * past.size + i] }
            let off = dst + past.length * past.size
            for i in 0..<(new.length * new.size) { out[off + i] = new.values[bh * new.length * new.size + i] }
        }
        return Heads(values: out, batch: new.batch, heads: new.heads, length: total, size: new.size)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let qTensor = try inputs.tensor(0)
        let dtype = qTensor.dtype
        guard dtype.isFloatingPoint else { throw OpError("Q must be a float tensor, got \(dtype)") }
        let q = try Self.heads(qTensor, qHeads, "Q")
        let kNew = try Self.heads(inputs.tensor(1), kvHeads, "K")
        let vNew = try Self.heads(inputs.tensor(2), kvHeads, "V")
        let pastKey = try inputs.optionalTensor(4).map { try Self.heads($0, kvHeads, "past_key") }
        let pastValue = try inputs.optionalTensor(5).map { try Self.heads($0, kvHeads, "past_value") }
        let k = try Self.concat(pastKey, kNew, "past_key")
        let v = try Self.concat(pastValue, vNew, "past_value")
        let (b, hq, s, dh) = (q.batch, q.heads, q.length, q.size)
        let (hkv, t, dv) = (k.heads, k.length, v.size)
        guard k.batch == b, v.batch == b, k.size == dh, v.heads == hkv, v.length == t, hkv > 0, hq % hkv == 0 else {
            throw OpError("Q \([b, hq, s, dh]), K \([k.batch, hkv, t, k.size]) and V \([v.batch, v.heads, v.length, dv]) do not fit together (Q heads must be a multiple of K/V heads)")
        }
        let past = pastKey?.length ?? 0
        let group = hq / hkv
        let scale = self.scale ?? 1 / Float(dh).squareRoot()

        // The additive mask (B, Hq, S, T) as strides into the mask's elements, padded past its width.
        var mask: [Float]?
        var maskStrides = [0, 0, 0, 0]
        var maskWidth = 0
        if let m = try inputs.optionalTensor(3) {
            guard m.rank >= 1, m.rank <= 4 else { throw OpError("attn_mask must have rank 1 to 4, got shape \(m.shape)") }
            if case .bool(let flags) = m.storage {
                mask = flags.map { $0 ? 0 : -.infinity }
            } else {
                mask = try Quantization.floats(m, "attn_mask")
            }
            maskWidth = m.shape[m.rank - 1]
            let target = [b, hq, s, maskWidth]
            guard (try? Shape.broadcast(m.shape, target)) == target, maskWidth <= t else {
                throw OpError("attn_mask of shape \(m.shape) does not broadcast to \([b, hq, s, t])")
            }
            maskStrides = Shape.broadcastStrides(m.shape, to: target)
        }
        var nonPad: [Int]?
        if let lengths = try inputs.optionalTensor(6) {
            guard let l = lengths.ints, l.count == b else { throw OpError("nonpad_kv_seqlen must hold \(b) integers") }
            nonPad = l
        }

        var y = [Float](repeating: 0, count: b * hq * s * dv)
        var scoresOut = wantsScores ? [Float](repeating: 0, count: b * hq * s * t) : []
        var scores = [Float](repeating: 0, count: s * t)
        for bi in 0..<b {
            for h in 0..<hq {
                let kvh = bi * hkv + h / group
                scores.withUnsafeMutableBufferPointer { ps in
                    q.values.withUnsafeBufferPointer { pq in
                        k.values.withUnsafeBufferPointer { pk in
                            guard let sp = ps.baseAddress, let qp = pq.baseAddress, let kp = pk.baseAddress else { return }
                            BLAS.gemm(
                                transA: false, transB: true, m: s, n: t, k: dh, alpha: scale,
                                a: qp + (bi * hq + h) * s * dh, lda: dh, b: kp + kvh * t * dh, ldb: dh,
                                beta: 0, c: sp, ldc: t)
                        }
                    }
                }
                let outBase = (bi * hq + h) * s * t
                if wantsScores && outputMode == 0 {
                    for i in 0..<(s * t) { scoresOut[outBase + i] = scores[i] }
                }
                for i in 0..<s {
                    let row = i * t
                    for j in 0..<t {
                        var bias: Float = 0
                        if let mask {
                            if j < maskWidth {
                                bias = mask[bi * maskStrides[0] + h * maskStrides[1] + i * maskStrides[2] + j * maskStrides[3]]
                            } else {
                                bias = -.infinity
                            }
                        }
                        if isCausal && j > i + past { bias = -.infinity }
                        if let nonPad, j >= nonPad[bi] { bias = -.infinity }
                        scores[row + j] += bias
                    }
                    if wantsScores && outputMode == 1 {
                        for j in 0..<t { scoresOut[outBase + row + j] = scores[row + j] }
                    }
                    if softcap > 0 {
                        for j in 0..<t { scores[row + j] = softcap * Foundation.tanh(scores[row + j] / softcap) }
                    }
                    if wantsScores && outputMode == 2 {
                        for j in 0..<t { scoresOut[outBase + row + j] = scores[row + j] }
                    }
                    var top = -Float.infinity
                    for j in 0..<t { top = max(top, scores[row + j]) }
                    var sum: Float = 0
                    for j in 0..<t {
                        let e = Foundation.exp(scores[row + j] - top)
                        scores[row + j] = e
                        sum += e
                    }
                    for j in 0..<t { scores[row + j] /= sum }
                    if wantsScores && outputMode == 3 {
                        for j in 0..<t { scoresOut[outBase + row + j] = scores[row + j] }
                    }
                }
                scores.withUnsafeBufferPointer { ps in
                    v.values.withUnsafeBufferPointer { pv in
                        y.withUnsafeMutableBufferPointer { py in
                            guard let sp = ps.baseAddress, let vp = pv.baseAddress, let yp = py.baseAddress else { return }
                            BLAS.gemm(
                                transA: false, transB: false, m: s, n: dv, k: t, alpha: 1,
                                a: sp, lda: t, b: vp + kvh * t * dv, ldb: dv,
                                beta: 0, c: yp + (bi * hq + h) * s * dv, ldc: dv)
                        }
                    }
                }
            }
        }
        var yShape = [b, hq, s, dv]
        if qTensor.rank == 3 {
            var flat = [Float](repeating: 0, count: y.count)
            for bi in 0..<b {
                for h in 0..<hq {
                    for i in 0..<s {
                        let src = ((bi * hq + h) * s + i) * dv
                        let dst = (bi * s + i) * hq * dv + h * dv
                        for x in 0..<dv { flat[dst + x] = y[src + x] }
                    }
                }
            }
            y = flat
            yShape = [b, s, hq * dv]
        }
        func out(_ values: [Float], _ shape: [Int]) throws -> Value {
            .tensor(try TensorOps.rethrowing { try Tensor(unchecked: shape, values).cast(to: dtype) })
        }
        var results = [
            try out(y, yShape),
            try out(k.values, [b, hkv, t, dh]),
            try out(v.values, [b, hkv, t, dv]),
        ]
        if wantsScores { results.append(try out(scoresOut, [b, hq, s, t])) }
        return results
    }
}
