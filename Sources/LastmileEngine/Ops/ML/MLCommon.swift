import Foundation
import LastmileTensor

/// The score transform applied by the ai.onnx.ml predictors after aggregation.
enum MLPostTransform: Sendable, Equatable {
    case none, logistic, softmax, softmaxZero, probit

    /// Parses the string attribute of the classic predictors (`NONE`, `LOGISTIC`, ...).
    init(name: String) throws {
        switch name {
        case "NONE": self = .none
        case "LOGISTIC": self = .logistic
        case "SOFTMAX": self = .softmax
        case "SOFTMAX_ZERO": self = .softmaxZero
        case "PROBIT": self = .probit
        default:
            throw OpError("post_transform \"\(name)\" is not one of NONE, LOGISTIC, SOFTMAX, SOFTMAX_ZERO, PROBIT")
        }
    }

    /// Reads `post_transform` from a node, defaulting to NONE.
    init(_ ctx: NodeContext) throws {
        try self.init(name: try ctx.string("post_transform", default: "NONE"))
    }
}

/// The scalar math onnxruntime's ml operators use, reproduced operation for operation so that
/// results match to the last bit where the order of float operations allows.
enum MLMath {
    /// The logistic function, computed symmetrically as onnxruntime does.
    @inline(__always)
    static func logistic(_ x: Float) -> Float {
        let v = 1 / (1 + Foundation.exp(-abs(x)))
        return x < 0 ? 1 - v : v
    }

    /// onnxruntime's closed-form approximation of the inverse error function.
    static func erfInv(_ value: Float) -> Float {
        let sign: Float = value < 0 ? -1 : 1
        let x = (1 - value) * (1 + value)
        let ln = Foundation.log(x)
        let v = 2 / (Float.pi * 0.147) + 0.5 * ln
        let v2 = 1 / 0.147 * ln
        let v3 = -v + (v * v - v2).squareRoot()
        return sign * v3.squareRoot()
    }

    /// The probit function (inverse normal CDF), via `erfInv`.
    @inline(__always)
    static func probit(_ x: Float) -> Float {
        Float(2).squareRoot() * erfInv(2 * x - 1)
    }

    /// Softmax in place, in float, subtracting the maximum first.
    static func softmax(_ values: UnsafeMutableBufferPointer<Float>) {
        var vmax = -Float.greatestFiniteMagnitude
        for v in values where v > vmax { vmax = v }
        var sum: Float = 0
        for i in values.indices {
            let e = Foundation.exp(values[i] - vmax)
            values[i] = e
            sum += e
        }
        for i in values.indices { values[i] = values[i] / sum }
    }

    /// Softmax that leaves (near) zero scores out of the sum, as onnxruntime's SOFTMAX_ZERO.
    static func softmaxZero(_ values: UnsafeMutableBufferPointer<Float>) {
        var vmax = -Float.greatestFiniteMagnitude
        for v in values where v > vmax { vmax = v }
        let expNegMax = Foundation.exp(-vmax)
        var sum: Float = 0
        for i in values.indices {
            let v = values[i]
            if v > 0.0000001 || v < -0.0000001 {
                let e = Foundation.exp(v - vmax)
                values[i] = e
                sum += e
            } else {
                values[i] = v * expNegMax
            }
        }
        for i in values.indices { values[i] = values[i] / sum }
    }

    /// Applies a post transform to a row of two or more scores in place.
    static func transformRow(_ values: UnsafeMutableBufferPointer<Float>, _ transform: MLPostTransform) {
        switch transform {
        case .none: break
        case .probit: for i in values.indices { values[i] = probit(values[i]) }
        case .logistic: for i in values.indices { values[i] = logistic(values[i]) }
        case .softmax: softmax(values)
        case .softmaxZero: softmaxZero(values)
        }
    }

    /// Expands one binary score into two output columns the way onnxruntime's `write_scores`
    /// does: `mode` 0/1 writes `[1 - s, s]`, 2/3 writes `[-s, s]` (or the two logistic
    /// probabilities under LOGISTIC). PROBIT writes the probit of the score alone.
    @inline(__always)
    static func expandBinary(_ score: Float, mode: Int, transform: MLPostTransform) -> (Float, Float?) {
        if transform == .probit { return (probit(score), nil) }
        switch mode {
        case 0, 1: return (1 - score, score)
        case 2, 3:
            if transform == .logistic { return (logistic(-score), logistic(score)) }
            return (-score, score)
        default: return (score, nil)
        }
    }
}

/// Helpers shared by the ml kernels: reading a feature matrix and building outputs.
enum MLInput {
    /// The batch size and feature count of a predictor input: `[F]` is one row, `[N, F]` is N rows.
    static func matrixShape(_ tensor: Tensor, op: String) throws -> (rows: Int, columns: Int) {
        switch tensor.rank {
        case 1: return (1, tensor.shape[0])
        case 2: return (tensor.shape[0], tensor.shape[1])
        default:
            throw OpError("\(op) expects a 1-D or 2-D input, got shape \(tensor.shape)")
        }
    }

    /// The elements of a numeric tensor as Float (the input conversion every ml predictor does).
    static func floats(_ tensor: Tensor, op: String) throws -> [Float] {
        switch tensor.storage {
        case .float32(let a): return a
        case .float64(let a): return a.map { Float($0) }
        case .float16(let a): return a.map { Float($0) }
        case .int64(let a): return a.map { Float($0) }
        case .int32(let a): return a.map { Float($0) }
        case .int16(let a): return a.map { Float($0) }
        case .int8(let a): return a.map { Float($0) }
        case .uint8(let a): return a.map { Float($0) }
        case .uint16(let a): return a.map { Float($0) }
        case .uint32(let a): return a.map { Float($0) }
        case .uint64(let a): return a.map { Float($0) }
        case .bool, .string:
            throw OpError("\(op) does not accept a \(tensor.dtype) input; expected float, double, int64 or int32")
        }
    }

    /// Class labels from `classlabels_int64s`/`classlabels_strings` style attributes.
    static func labels(_ ctx: NodeContext, ints intsName: String, strings stringsName: String) throws -> MLLabels {
        let strings = try ctx.strings(stringsName, default: [])
        let ints = try ctx.ints(intsName, default: [])
        if !strings.isEmpty { return .strings(strings) }
        return .ints(ints.map { Int64($0) })
    }
}

/// The class labels of a classifier: int64 or string.
enum MLLabels: Sendable {
    case ints([Int64])
    case strings([String])

    var count: Int {
        switch self {
        case .ints(let a): a.count
        case .strings(let a): a.count
        }
    }

    var isEmpty: Bool { count == 0 }

    /// A 1-D label tensor choosing label `indices[i]` for row i; -1 (no class) picks the first label.
    func tensor(indices: [Int]) -> Tensor {
        switch self {
        case .ints(let labels):
            let out = indices.map { labels.isEmpty ? 0 : labels[min(max($0, 0), labels.count - 1)] }
            return Tensor(unchecked: [indices.count], out)
        case .strings(let labels):
            let out = indices.map { labels.isEmpty ? "" : labels[min(max($0, 0), labels.count - 1)] }
            return Tensor(unchecked: [indices.count], out)
        }
    }
}

/// Dense products shared by the linear and SVM kernels.
enum MLLinear {
    /// `out[r, j] = sum_k x[r, k] * w[j, k] (+ bias[j])`: X times the transpose of a row-major
    /// weight matrix, in float.
    static func multiplyTransposed(
        _ x: UnsafeBufferPointer<Float>, rows: Int, columns: Int,
        _ w: UnsafeBufferPointer<Float>, outputs: Int,
        bias: UnsafeBufferPointer<Float>?, into out: UnsafeMutableBufferPointer<Float>
    ) {
        if let bias {
            for r in 0..<rows {
                for j in 0..<outputs { out[r * outputs + j] = bias[j] }
            }
        } else {
            for i in 0..<(rows * outputs) { out[i] = 0 }
        }
        guard rows > 0, outputs > 0, columns > 0,
              let xb = x.baseAddress, let wb = w.baseAddress, let ob = out.baseAddress else { return }
        if rows * outputs * columns >= 4096 {
            BLAS.gemm(
                transA: false, transB: true, m: rows, n: outputs, k: columns,
                alpha: 1, a: xb, lda: columns, b: wb, ldb: columns, beta: 1, c: ob, ldc: outputs)
            return
        }
        for r in 0..<rows {
            let xr = xb + r * columns
            for j in 0..<outputs {
                let wr = wb + j * columns
                var sum: Float = 0
                for k in 0..<columns { sum += xr[k] * wr[k] }
                ob[r * outputs + j] += sum
            }
        }
    }
}
