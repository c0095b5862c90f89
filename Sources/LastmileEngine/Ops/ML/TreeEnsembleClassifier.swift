import LastmileTensor

/// ai.onnx.ml TreeEnsembleClassifier (ml opsets 1 and 3): the top class `[N]` (int64 or
/// string) and the class scores `[N, classes]` float.
///
/// Binary classifiers follow onnxruntime exactly: when the weights name a single class of two
/// labels, the score of the positive class is the ensemble's score and the other column is
/// `1 - p` (all weights positive) or `-p` (`1 - p` after LOGISTIC) — see
/// `TreeEnsembleModel.classify`.
struct TreeEnsembleClassifierKernel: Kernel {
    let model: TreeEnsembleModel
    let transform: MLPostTransform
    let base: (floats: [Float], doubles: [Double])
    let labels: MLLabels
    let labelCodes: [Int64]
    let binaryCase: Bool
    let weightsArePositive: Bool

    init(_ ctx: NodeContext) throws {
        labels = try MLInput.labels(ctx, ints: "classlabels_int64s", strings: "classlabels_strings")
        guard labels.count >= 2 else {
            throw OpError("TreeEnsembleClassifier needs at least 2 class labels, got \(labels.count)")
        }
        switch labels {
        case .ints(let values): labelCodes = values
        case .strings(let values): labelCodes = values.indices.map { Int64($0) }
        }
        model = try TreeEnsembleModel(try TreeEnsembleAttributes.graph(ctx, weightPrefix: "class"), targetCount: labels.count)
        transform = try MLPostTransform(ctx)
        base = try TreeEnsembleAttributes.baseValues(ctx)
        let classIds = try ctx.ints("class_ids", default: [])
        let weights = try TreeEnsembleAttributes.values(ctx, "class_weights") ?? ([], [])
        binaryCase = labels.count == 2 && Set(classIds).count == 1
        weightsArePositive = !weights.doubles.contains { $0 < 0 }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let n = model.targetCount
        let (rows, scores, codes) = try TreeInput.withRows(x, model: model, op: "TreeEnsembleClassifier") { rows, stride, input in
            var scores = [Float](repeating: 0, count: rows * n)
            var codes = [Int64](repeating: 0, count: rows)
            scores.withUnsafeMutableBufferPointer { s in
                codes.withUnsafeMutableBufferPointer { c in
                    guard let sp = s.baseAddress, let cp = c.baseAddress else { return }
                    switch input {
                    case .float(let p):
                        model.classify(p, rows: rows, stride: stride, values: model.float, base: base.floats,
                                       transform: transform, binaryCase: binaryCase, weightsArePositive: weightsArePositive,
                                       labelCodes: labelCodes, scoresOut: sp, labelsOut: cp)
                    case .double(let p):
                        model.classify(p, rows: rows, stride: stride, values: model.double, base: base.doubles,
                                       transform: transform, binaryCase: binaryCase, weightsArePositive: weightsArePositive,
                                       labelCodes: labelCodes, scoresOut: sp, labelsOut: cp)
                    }
                }
            }
            return (rows, scores, codes)
        }
        let label: Tensor
        switch labels {
        case .ints: label = Tensor(unchecked: [rows], codes)
        case .strings(let values):
            label = Tensor(unchecked: [rows], codes.map { values[Int(min(max($0, 0), Int64(values.count - 1)))] })
        }
        return [.tensor(label), .tensor(Tensor(unchecked: [rows, n], scores))]
    }
}
