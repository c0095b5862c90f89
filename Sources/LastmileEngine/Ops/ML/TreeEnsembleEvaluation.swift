/// Evaluation of a compiled tree ensemble, tree by tree over batches of rows (each row's sum
/// is still in tree order), with onnxruntime's aggregation rules
/// (`tree_ensemble_aggregator.h`): a target that no leaf reached writes 0 whatever its base
/// value, a single-target ensemble adds the first weight of each leaf and applies only PROBIT,
/// and binary classifiers with one class's weights expand to two columns.
extension TreeEnsembleModel {
    /// Regression: `out[r, t]` for `rows` rows of `stride` features; T is the threshold and
    /// accumulation type, O the output type.
    func regress<T: BinaryFloatingPoint, O: BinaryFloatingPoint>(
        _ x: UnsafePointer<T>, rows: Int, stride: Int, values: TreeValues<T>,
        aggregate: TreeAggregate, base: [T], transform: MLPostTransform,
        into out: UnsafeMutablePointer<O>
    ) {
        let trees = roots.count
        let treeCount = T(trees)
        if targetCount == 1 {
            let origin: T = base.count == 1 ? base[0] : 0
            let first = values.leafFirst.baseAddress.unsafelyUnwrapped
            let batch = Swift.min(rows, Self.batchRows)
            let score = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(batch, 1))
            let has = UnsafeMutablePointer<Bool>.allocate(capacity: Swift.max(batch, 1))
            defer {
                score.deallocate()
                has.deallocate()
            }
            var start = 0
            while start < rows {
                let count = Swift.min(Self.batchRows, rows - start)
                for b in 0..<count {
                    score[b] = 0
                    has[b] = false
                }
                // Tree by tree over the batch: a tree's nodes stay in cache for all its rows.
                for t in 0..<trees {
                    let root = roots[t]
                    switch aggregate {
                    case .sum, .average:
                        for b in 0..<count { score[b] += first[leaf(from: root, x + (start + b) * stride, values)] }
                    case .min:
                        for b in 0..<count {
                            let w = first[leaf(from: root, x + (start + b) * stride, values)]
                            if !has[b] || w < score[b] { score[b] = w }
                            has[b] = true
                        }
                    case .max:
                        for b in 0..<count {
                            let w = first[leaf(from: root, x + (start + b) * stride, values)]
                            if !has[b] || w > score[b] { score[b] = w }
                            has[b] = true
                        }
                    }
                }
                for b in 0..<count {
                    var s = score[b]
                    switch aggregate {
                    case .sum: s += origin
                    case .average: s = s / treeCount + origin
                    case .min, .max: s = has[b] ? s + origin : origin
                    }
                    out[start + b] = transform == .probit ? O(MLMath.probit(Float(s))) : O(s)
                }
                start += count
            }
            return
        }

        let n = targetCount
        let useBase = base.count == n
        let batch = Swift.min(rows, Self.batchRows)
        let scores = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(batch * n, 1))
        let has = UnsafeMutablePointer<Bool>.allocate(capacity: Swift.max(batch * n, 1))
        let row32 = UnsafeMutableBufferPointer<Float>.allocate(capacity: n)
        defer {
            scores.deallocate()
            has.deallocate()
            row32.deallocate()
        }
        var start = 0
        while start < rows {
            let count = Swift.min(Self.batchRows, rows - start)
            accumulate(x + start * stride, rows: count, stride: stride, values: values, aggregate: aggregate,
                       scores: scores, has: has)
            for b in 0..<count {
                let o = out + (start + b) * n
                let sc = scores + b * n
                let hs = has + b * n
                for j in 0..<n {
                    var s = sc[j]
                    switch aggregate {
                    case .sum: if useBase { s += base[j] }
                    case .average: s = useBase ? s / treeCount + base[j] : s / treeCount
                    case .min, .max: s = (useBase ? base[j] : 0) + (hs[j] ? s : 0)
                    }
                    sc[j] = hs[j] ? s : 0
                }
                if transform == .none {
                    for j in 0..<n { o[j] = O(sc[j]) }
                } else {
                    for j in 0..<n { row32[j] = Float(sc[j]) }
                    MLMath.transformRow(row32, transform)
                    for j in 0..<n { o[j] = O(row32[j]) }
                }
            }
            start += count
        }
    }

    /// Rows evaluated together, tree by tree, as onnxruntime does.
    static var batchRows: Int { 128 }

    /// Adds the leaves reached by `rows` consecutive rows into `scores`/`has` (`rows × targets`
    /// slots), after clearing them; trees are visited in order, so each row's sum is in tree order.
    @inline(__always)
    func accumulate<T: BinaryFloatingPoint>(
        _ x: UnsafePointer<T>, rows: Int, stride: Int, values: TreeValues<T>, aggregate: TreeAggregate,
        scores: UnsafeMutablePointer<T>, has: UnsafeMutablePointer<Bool>
    ) {
        let n = targetCount
        for j in 0..<(rows * n) {
            scores[j] = 0
            has[j] = false
        }
        let weights = values.weights.baseAddress.unsafelyUnwrapped
        let targets = weightTarget.baseAddress.unsafelyUnwrapped
        for t in 0..<roots.count {
            let root = roots[t]
            for b in 0..<rows {
                let l = leaf(from: root, x + b * stride, values)
                let start = Int(leafStart[l])
                let end = start + Int(leafWeightCount[l])
                let sc = scores + b * n
                let hs = has + b * n
                for k in start..<end {
                    let j = Int(targets[k])
                    let w = weights[k]
                    switch aggregate {
                    case .sum, .average: sc[j] += w
                    case .min: if !hs[j] || w < sc[j] { sc[j] = w }
                    case .max: if !hs[j] || w > sc[j] { sc[j] = w }
                    }
                    hs[j] = true
                }
            }
        }
    }

    /// Classification into `out` (`rows × targetCount` scores) and one label code per row: the
    /// class label itself for int64 labels, its index for string labels (`labelCodes`).
    func classify<T: BinaryFloatingPoint>(
        _ x: UnsafePointer<T>, rows: Int, stride: Int, values: TreeValues<T>,
        base: [T], transform: MLPostTransform, binaryCase: Bool, weightsArePositive: Bool,
        labelCodes: [Int64], scoresOut out: UnsafeMutablePointer<Float>, labelsOut: UnsafeMutablePointer<Int64>
    ) {
        let n = targetCount
        let batch = Swift.min(rows, Self.batchRows)
        let batchScores = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(batch * n, 1))
        let batchHas = UnsafeMutablePointer<Bool>.allocate(capacity: Swift.max(batch * n, 1))
        let row32 = UnsafeMutableBufferPointer<Float>.allocate(capacity: n)
        defer {
            batchScores.deallocate()
            batchHas.deallocate()
            row32.deallocate()
        }
        for r in 0..<rows {
            let b = r % Self.batchRows
            if b == 0 {
                accumulate(x + r * stride, rows: Swift.min(Self.batchRows, rows - r), stride: stride, values: values,
                           aggregate: .sum, scores: batchScores, has: batchHas)
            }
            let scores = batchScores + b * n
            let has = batchHas + b * n
            let o = out + r * n
            if n > 2 {
                for k in 0..<min(base.count, n) {
                    if has[k] { scores[k] += base[k] } else { scores[k] = base[k]; has[k] = true }
                }
                var best = -1
                var bestScore: T = 0
                for k in 0..<n where has[k] && (best == -1 || scores[k] > bestScore) {
                    best = k
                    bestScore = scores[k]
                }
                labelsOut[r] = labelCodes[max(best, 0)]
                for k in 0..<n { row32[k] = Float(has[k] ? scores[k] : 0) }
                MLMath.transformRow(row32, transform)
                for k in 0..<n { o[k] = row32[k] }
                continue
            }

            // Two classes.
            var count = 2
            var expansion = -1
            if base.count == 2 {
                if has[1] {
                    scores[1] = base[1] + scores[0]
                    scores[0] = -scores[1]
                } else {
                    scores[1] += base[1]
                    scores[0] += base[0]
                }
            } else if base.count == 1 {
                scores[0] += base[0]
                if !has[1] { count = 1 }
            } else if base.isEmpty {
                expansion = 3
                if !has[1] { count = 1 }
            }
            let positiveWeight: T = (count == 2 && has[1]) ? scores[1] : (has[0] ? scores[0] : 0)
            if binaryCase {
                let positive = weightsArePositive ? positiveWeight > 0.5 : positiveWeight > 0
                expansion = (weightsArePositive ? 0 : 2) + (positive ? 0 : 1)
                labelsOut[r] = labelCodes[positive ? 1 : 0]
            } else {
                labelsOut[r] = positiveWeight > 0 ? 1 : 0
            }
            if count == 2 {
                row32[0] = Float(has[0] ? scores[0] : 0)
                row32[1] = Float(has[1] ? scores[1] : 0)
                MLMath.transformRow(UnsafeMutableBufferPointer(rebasing: row32[0..<2]), transform)
                o[0] = row32[0]
                o[1] = row32[1]
            } else {
                let v: T = has[0] ? scores[0] : 0
                if transform == .probit {
                    o[0] = MLMath.probit(Float(v))
                    o[1] = 0
                } else {
                    switch expansion {
                    case 0, 1:
                        o[0] = Float(1 - v)
                        o[1] = Float(v)
                    case 2, 3:
                        if transform == .logistic {
                            o[0] = MLMath.logistic(Float(-v))
                            o[1] = MLMath.logistic(Float(v))
                        } else {
                            o[0] = Float(-v)
                            o[1] = Float(v)
                        }
                    default:
                        o[0] = Float(v)
                        o[1] = 0
                    }
                }
            }
        }
    }
}
