import LastmileTensor

/// ai.onnx.ml LinearClassifier (opset 1): scores = X · coefficientsᵀ + intercepts, then the top
/// class and the post-transformed scores.
///
/// Follows onnxruntime: one coefficient row with two class labels is a binary classifier whose
/// label is positive when the score is above 0 and whose two score columns are `[1 - s, s]`
/// (the post transform is not applied to that pair, as in onnxruntime). `multi_class` is read
/// but, as in onnxruntime, does not change the result.
struct LinearClassifierKernel: Kernel {
    let coefficients: [Float]
    let intercepts: [Float]
    let labels: MLLabels
    let transform: MLPostTransform

    init(_ ctx: NodeContext) throws {
        coefficients = try ctx.floats("coefficients")
        intercepts = try ctx.floats("intercepts", default: [])
        labels = try MLInput.labels(ctx, ints: "classlabels_ints", strings: "classlabels_strings")
        transform = try MLPostTransform(ctx)
        _ = try ctx.int("multi_class", default: 0)
        guard !coefficients.isEmpty else { throw OpError("attribute \"coefficients\" is empty") }
        guard !labels.isEmpty else {
            throw OpError("one of \"classlabels_ints\" or \"classlabels_strings\" must be given")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let (rows, columns) = try MLInput.matrixShape(x, op: "LinearClassifier")
        let classCount = intercepts.isEmpty ? (columns > 0 ? coefficients.count / columns : 0) : intercepts.count
        guard classCount > 0, coefficients.count == classCount * columns else {
            throw OpError("LinearClassifier has \(coefficients.count) coefficients, which is not \(classCount) classes × \(columns) input features")
        }
        let binary = classCount == 1 && labels.count == 2
        guard binary || classCount == 1 || labels.count >= classCount else {
            throw OpError("LinearClassifier has \(classCount) score rows but \(labels.count) class labels")
        }
        let features = try MLInput.floats(x, op: "LinearClassifier")
        let bias = intercepts.isEmpty ? [Float](repeating: 0, count: classCount) : intercepts

        var raw = [Float](repeating: 0, count: rows * classCount)
        features.withUnsafeBufferPointer { xp in
            coefficients.withUnsafeBufferPointer { wp in
                bias.withUnsafeBufferPointer { bp in
                    raw.withUnsafeMutableBufferPointer { out in
                        MLLinear.multiplyTransposed(
                            xp, rows: rows, columns: columns, wp, outputs: classCount, bias: bp, into: out)
                    }
                }
            }
        }

        var labelIndex = [Int](repeating: 0, count: rows)
        var labelValue = [Int64](repeating: 0, count: rows)
        if classCount == 1 {
            for r in 0..<rows {
                let positive = raw[r] > 0
                labelIndex[r] = positive ? 1 : 0
                labelValue[r] = positive ? 1 : 0
            }
        } else {
            for r in 0..<rows {
                var best = 0
                var bestScore = raw[r * classCount]
                for j in 1..<classCount where raw[r * classCount + j] > bestScore {
                    bestScore = raw[r * classCount + j]
                    best = j
                }
                labelIndex[r] = best
            }
        }

        let label: Tensor
        switch labels {
        case .ints(let values):
            if classCount == 1 {
                label = Tensor(unchecked: [rows], labels.count == 2 ? labelIndex.map { values[$0] } : labelValue)
            } else {
                label = Tensor(unchecked: [rows], labelIndex.map { values[$0] })
            }
        case .strings(let values):
            if classCount == 1 && values.count != 2 {
                label = Tensor(unchecked: [rows], labelIndex.map { $0 == 1 ? "1" : "0" })
            } else {
                label = Tensor(unchecked: [rows], labelIndex.map { values[$0] })
            }
        }
        return [.tensor(label), .tensor(scores(raw, rows: rows, classCount: classCount, binary: binary))]
    }

    private func scores(_ raw: [Float], rows: Int, classCount: Int, binary: Bool) -> Tensor {
        if binary {
            var out = [Float](repeating: 0, count: rows * 2)
            for r in 0..<rows {
                let (a, b) = MLMath.expandBinary(raw[r], mode: 1, transform: transform)
                out[2 * r] = b == nil ? -a : a
                out[2 * r + 1] = b ?? a
            }
            return Tensor(unchecked: [rows, 2], out)
        }
        var out = raw
        if classCount == 1 {
            if transform == .probit {
                for i in out.indices { out[i] = MLMath.probit(out[i]) }
            }
        } else if transform != .none {
            out.withUnsafeMutableBufferPointer { buffer in
                for r in 0..<rows {
                    let row = UnsafeMutableBufferPointer(rebasing: buffer[(r * classCount)..<((r + 1) * classCount)])
                    MLMath.transformRow(row, transform)
                }
            }
        }
        return Tensor(unchecked: [rows, classCount], out)
    }
}
