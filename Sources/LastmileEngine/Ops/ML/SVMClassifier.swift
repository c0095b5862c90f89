import LastmileTensor

/// ai.onnx.ml SVMClassifier (opset 1), computed as onnxruntime's `svmclassifier.cc`.
///
/// With support vectors (libsvm mode) every pair of classes votes; the label is the class with
/// the most votes. Scores are the pairwise decision values (`[-s, s]` for two classes), or, when
/// `prob_a`/`prob_b` are given, Platt-scaled probabilities coupled into one per class. Without
/// support vectors (liblinear mode) the scores are `X · coefficientsᵀ + rho[0]`, one per class.
struct SVMClassifierKernel: Kernel {
    let function: SVMKernelFunction
    let labels: MLLabels
    let vectorsPerClass: [Int]
    let startingVector: [Int]
    let vectorCount: Int
    let supportVectors: [Float]
    let coefficients: [Float]
    let rho: [Float]
    let probA: [Float]
    let probB: [Float]
    let transform: MLPostTransform
    let classCount: Int
    let featureCount: Int
    let libsvm: Bool
    let weightsArePositive: Bool

    init(_ ctx: NodeContext) throws {
        labels = try MLInput.labels(ctx, ints: "classlabels_ints", strings: "classlabels_strings")
        guard !labels.isEmpty else { throw OpError("one of \"classlabels_ints\" or \"classlabels_strings\" must be given") }
        vectorsPerClass = try ctx.ints("vectors_per_class", default: [])
        supportVectors = try ctx.floats("support_vectors", default: [])
        coefficients = try ctx.floats("coefficients")
        rho = try ctx.floats("rho")
        probA = try ctx.floats("prob_a", default: [])
        probB = try ctx.floats("prob_b", default: [])
        transform = try MLPostTransform(ctx)
        guard probA.count == probB.count else {
            throw OpError("\"prob_a\" has \(probA.count) values but \"prob_b\" has \(probB.count)")
        }
        guard !coefficients.isEmpty, !rho.isEmpty else { throw OpError("\"coefficients\" and \"rho\" must not be empty") }
        guard vectorsPerClass.allSatisfy({ $0 >= 0 }) else { throw OpError("\"vectors_per_class\" has a negative entry") }
        var starts: [Int] = []
        var total = 0
        for v in vectorsPerClass {
            starts.append(total)
            total += v
        }
        startingVector = starts
        vectorCount = total
        classCount = labels.count
        weightsArePositive = coefficients.allSatisfy { $0 >= 0 }
        let pairs = classCount * (classCount - 1) / 2
        if vectorCount > 0 {
            libsvm = true
            function = try SVMKernelFunction(ctx)
            featureCount = supportVectors.count / vectorCount
            guard supportVectors.count == vectorCount * featureCount else {
                throw OpError("\"support_vectors\" has \(supportVectors.count) values, not a multiple of \(vectorCount) vectors")
            }
            guard vectorsPerClass.count == classCount else {
                throw OpError("\"vectors_per_class\" has \(vectorsPerClass.count) entries but there are \(classCount) classes")
            }
            guard coefficients.count >= (classCount - 1) * vectorCount else {
                throw OpError("\"coefficients\" has \(coefficients.count) values; expected \(classCount - 1) × \(vectorCount)")
            }
            guard rho.count >= pairs else { throw OpError("\"rho\" has \(rho.count) values; expected \(pairs)") }
            guard probA.isEmpty || probA.count >= pairs else {
                throw OpError("\"prob_a\" has \(probA.count) values; expected \(pairs)")
            }
        } else {
            libsvm = false
            function = SVMKernelFunction(kind: .linear)
            featureCount = coefficients.count / classCount
            guard coefficients.count == classCount * featureCount else {
                throw OpError("\"coefficients\" has \(coefficients.count) values, not \(classCount) classes × features")
            }
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let (rows, columns) = try MLInput.matrixShape(x, op: "SVMClassifier")
        guard columns == featureCount else {
            throw OpError("SVMClassifier expects \(featureCount) features, the input has \(columns)")
        }
        let features = try MLInput.floats(x, op: "SVMClassifier")
        let pairs = classCount * (classCount - 1) / 2
        let haveProba = !probA.isEmpty
        let width = libsvm && !haveProba ? (classCount > 2 ? pairs : 2) : classCount
        var scores = [Float](repeating: 0, count: rows * width)
        var winners = [Int](repeating: 0, count: rows)
        var maxWeights = [Float](repeating: 0, count: rows)

        if !libsvm {
            features.withUnsafeBufferPointer { xp in
                coefficients.withUnsafeBufferPointer { cp in
                    scores.withUnsafeMutableBufferPointer { sp in
                        function.apply(xp, rows: rows, features: columns, vectors: cp, count: classCount,
                                       linearBias: rho[0], into: sp)
                    }
                }
            }
            for r in 0..<rows {
                var best = 0
                for j in 1..<max(classCount, 1) where scores[r * width + j] > scores[r * width + best] { best = j }
                winners[r] = best
                maxWeights[r] = scores[r * width + best]
            }
        } else {
            try libsvmScores(features, rows: rows, pairs: pairs, haveProba: haveProba, width: width,
                             scores: &scores, winners: &winners)
        }

        // The top class.
        var labelIndex = winners
        if pairs == 1 && !haveProba {
            for r in 0..<rows {
                let w = maxWeights[r]
                if (weightsArePositive && w >= 0.5) || (w > 0 && !weightsArePositive) { labelIndex[r] = 1 }
            }
        }
        let label = labels.tensor(indices: labelIndex)

        // The post transform, as onnxruntime's batched_update_scores_inplace.
        let perRow = libsvm && !haveProba ? pairs : classCount
        let expansion = libsvm && !haveProba && classCount <= 2 ? (transform == .none ? 2 : 0) : -1
        scores.withUnsafeMutableBufferPointer { sp in
            for r in 0..<rows {
                let row = UnsafeMutableBufferPointer(rebasing: sp[(r * width)..<((r + 1) * width)])
                if perRow > 1 {
                    MLMath.transformRow(UnsafeMutableBufferPointer(rebasing: row[0..<perRow]), transform)
                } else if perRow == 1 {
                    if transform == .probit {
                        row[0] = MLMath.probit(row[0])
                    } else if expansion >= 0 {
                        let (a, b) = MLMath.expandBinary(row[0], mode: expansion, transform: transform)
                        row[0] = a
                        if let b, row.count > 1 { row[1] = b }
                    }
                }
            }
        }
        return [.tensor(label), .tensor(Tensor(unchecked: [rows, width], scores))]
    }

    /// Pairwise decision values, votes and (with Platt parameters) coupled probabilities.
    private func libsvmScores(
        _ features: [Float], rows: Int, pairs: Int, haveProba: Bool, width: Int,
        scores: inout [Float], winners: inout [Int]
    ) throws {
        var kernels = [Float](repeating: 0, count: rows * vectorCount)
        features.withUnsafeBufferPointer { xp in
            supportVectors.withUnsafeBufferPointer { vp in
                kernels.withUnsafeMutableBufferPointer { kp in
                    function.apply(xp, rows: rows, features: featureCount, vectors: vp, count: vectorCount,
                                   linearBias: 0, into: kp)
                }
            }
        }
        let c = classCount
        var decision = [Float](repeating: 0, count: pairs)
        var votes = [Int](repeating: 0, count: c)
        var pairwise = [Float](repeating: 0, count: c * c)
        var q = [Float](repeating: 0, count: c * c)
        var qp = [Float](repeating: 0, count: c)
        var probabilities = [Float](repeating: 0, count: c)
        for r in 0..<rows {
            for j in 0..<c { votes[j] = 0 }
            var index = 0
            let kr = r * vectorCount
            for i in 0..<(c - 1) {
                let si = startingVector[i]
                let ni = vectorsPerClass[i]
                for j in (i + 1)..<c {
                    let sj = startingVector[j]
                    let nj = vectorsPerClass[j]
                    var sum: Double = 0
                    for m in 0..<ni { sum += Double(coefficients[vectorCount * (j - 1) + si + m] * kernels[kr + si + m]) }
                    for m in 0..<nj { sum += Double(coefficients[vectorCount * i + sj + m] * kernels[kr + sj + m]) }
                    sum += Double(rho[index])
                    decision[index] = Float(sum)
                    votes[sum > 0 ? i : j] += 1
                    index += 1
                }
            }
            var best = 0
            for j in 1..<max(c, 1) where votes[j] > votes[best] { best = j }
            winners[r] = best

            if haveProba {
                var k = 0
                for i in 0..<(c - 1) {
                    for j in (i + 1)..<c {
                        let p = min(max(MLMath.sigmoidProbability(decision[k], probA[k], probB[k]), 1.0e-7), 1 - 1.0e-7)
                        pairwise[i * c + j] = p
                        pairwise[j * c + i] = 1 - p
                        k += 1
                    }
                }
                pairwise.withUnsafeMutableBufferPointer { rp in
                    probabilities.withUnsafeMutableBufferPointer { pp in
                        q.withUnsafeMutableBufferPointer { qb in
                            qp.withUnsafeMutableBufferPointer { qpb in
                                MLMath.multiclassProbability(
                                    c, rp.baseAddress.unsafelyUnwrapped, pp.baseAddress.unsafelyUnwrapped,
                                    q: qb.baseAddress.unsafelyUnwrapped, qp: qpb.baseAddress.unsafelyUnwrapped)
                            }
                        }
                    }
                }
                for j in 0..<c { scores[r * width + j] = probabilities[j] }
            } else {
                for k in 0..<pairs { scores[r * width + k] = decision[k] }
            }
        }
    }
}
