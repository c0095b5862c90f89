import Foundation
import LastmileTensor

/// The kernel function of the ai.onnx.ml SVM ops and its parameters.
struct SVMKernelFunction: Sendable {
    enum Kind: Sendable { case linear, poly, rbf, sigmoid }

    var kind: Kind
    var gamma: Float = 0
    var coef0: Float = 0
    var degree: Float = 0

    /// Reads `kernel_type` and `kernel_params` (`[gamma, coef0, degree]`).
    init(_ ctx: NodeContext) throws {
        switch try ctx.string("kernel_type", default: "LINEAR") {
        case "LINEAR": kind = .linear
        case "POLY": kind = .poly
        case "RBF": kind = .rbf
        case "SIGMOID": kind = .sigmoid
        case let other: throw OpError("kernel_type \"\(other)\" is not one of LINEAR, POLY, RBF, SIGMOID")
        }
        let params = try ctx.floats("kernel_params", default: [])
        if !params.isEmpty {
            guard params.count >= 3 else {
                throw OpError("attribute \"kernel_params\" has \(params.count) values; expected [gamma, coef0, degree]")
            }
            gamma = params[0]
            coef0 = params[1]
            degree = params[2]
        }
    }

    init(kind: Kind) {
        self.kind = kind
    }

    /// `out[r, j] = K(x_r, v_j)` for `rows` inputs and `count` vectors of `features` values,
    /// as onnxruntime computes it: RBF directly, the others as a GEMM (alpha = gamma, plus
    /// coef0, or plus `linearBias` for LINEAR) followed by the power or tanh.
    func apply(
        _ x: UnsafeBufferPointer<Float>, rows: Int, features: Int,
        vectors: UnsafeBufferPointer<Float>, count: Int, linearBias: Float,
        into out: UnsafeMutableBufferPointer<Float>
    ) {
        if kind == .rbf {
            guard let xb = x.baseAddress, let vb = vectors.baseAddress, let ob = out.baseAddress else { return }
            // Squared distances with four accumulators (a single running sum does not
            // vectorise), then one exp loop over the whole block, which does.
            for r in 0..<rows {
                let row = xb + r * features
                for j in 0..<count {
                    let vector = vb + j * features
                    var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
                    var k = 0
                    while k + 4 <= features {
                        let d0 = row[k] - vector[k], d1 = row[k + 1] - vector[k + 1]
                        let d2 = row[k + 2] - vector[k + 2], d3 = row[k + 3] - vector[k + 3]
                        s0 += d0 * d0
                        s1 += d1 * d1
                        s2 += d2 * d2
                        s3 += d3 * d3
                        k += 4
                    }
                    while k < features {
                        let d = row[k] - vector[k]
                        s0 += d * d
                        k += 1
                    }
                    ob[r * count + j] = -gamma * ((s0 + s1) + (s2 + s3))
                }
            }
            for i in 0..<(rows * count) { ob[i] = FastMath.exp(ob[i]) }
            return
        }
        let alpha: Float = kind == .linear ? 1 : gamma
        let c: Float = kind == .linear ? linearBias : coef0
        for i in 0..<(rows * count) { out[i] = c }
        if rows > 0, count > 0, features > 0,
           let xb = x.baseAddress, let vb = vectors.baseAddress, let ob = out.baseAddress {
            if rows * count * features >= 4096 {
                BLAS.gemm(transA: false, transB: true, m: rows, n: count, k: features,
                          alpha: alpha, a: xb, lda: features, b: vb, ldb: features, beta: 1, c: ob, ldc: count)
            } else {
                for r in 0..<rows {
                    for j in 0..<count {
                        var sum: Float = 0
                        for k in 0..<features { sum += xb[r * features + k] * vb[j * features + k] }
                        ob[r * count + j] += alpha * sum
                    }
                }
            }
        }
        switch kind {
        case .poly:
            for i in 0..<(rows * count) {
                let v = out[i]
                out[i] = degree == 2 ? v * v : degree == 3 ? v * v * v : Foundation.pow(v, degree)
            }
        case .sigmoid:
            for i in 0..<(rows * count) { out[i] = Foundation.tanh(out[i]) }
        case .linear, .rbf:
            break
        }
    }
}

extension MLMath {
    /// Platt scaling of one pairwise decision value, as libsvm and onnxruntime compute it.
    @inline(__always)
    static func sigmoidProbability(_ score: Float, _ a: Float, _ b: Float) -> Float {
        1 - logistic(score * a + b)
    }

    /// Pairwise coupling (Wu, Lin and Weng, method 2) of the `k × k` pairwise probabilities `r`
    /// into `k` class probabilities `p`, in float with onnxruntime's stopping rule.
    /// `q` (k × k) and `qp` (k) are scratch space.
    static func multiclassProbability(
        _ k: Int, _ r: UnsafeMutablePointer<Float>, _ p: UnsafeMutablePointer<Float>,
        q: UnsafeMutablePointer<Float>, qp: UnsafeMutablePointer<Float>
    ) {
        for i in 0..<(k * k) { q[i] = 0 }
        let eps = 0.005 / Float(k)
        for i in 0..<k {
            p[i] = 1 / Float(k)
            for j in 0..<i {
                q[i * k + i] += r[j * k + i] * r[j * k + i]
                q[i * k + j] = q[j * k + i]
            }
            for j in (i + 1)..<max(k, i + 1) {
                q[i * k + i] += r[j * k + i] * r[j * k + i]
                q[i * k + j] = -r[j * k + i] * r[i * k + j]
            }
        }
        for _ in 0..<100 {
            var pQp: Float = 0
            for i in 0..<k {
                qp[i] = 0
                for j in 0..<k { qp[i] += q[i * k + j] * p[j] }
                pQp += p[i] * qp[i]
            }
            var maxError: Float = 0
            for i in 0..<k {
                let error = abs(qp[i] - pQp)
                if error > maxError { maxError = error }
            }
            if maxError < eps { break }
            for i in 0..<k {
                let diff = (-qp[i] + pQp) / q[i * k + i]
                p[i] += diff
                pQp = (pQp + diff * (diff * q[i * k + i] + 2 * qp[i])) / (1 + diff) / (1 + diff)
                for j in 0..<k {
                    qp[j] = (qp[j] + diff * q[i * k + j]) / (1 + diff)
                    p[j] /= (1 + diff)
                }
            }
        }
    }
}
