import LastmileTensor

/// NonMaxSuppression (opsets 10, 11): per batch and class, greedily keeps the highest-scoring
/// boxes above `score_threshold` whose IoU with every kept box is at most `iou_threshold`, up
/// to `max_output_boxes_per_class`; outputs `[selected, 3]` (batch, class, box) as int64.
///
/// Boxes are corners `[y1, x1, y2, x2]` in either order (`center_point_box` 0) or
/// `[x_center, y_center, width, height]` (1). Ties keep the lower box index, as onnxruntime.
struct NonMaxSuppressionKernel: Kernel {
    let centerPointBox: Bool

    init(_ ctx: NodeContext) throws {
        let value = try ctx.int("center_point_box", default: 0)
        guard value == 0 || value == 1 else { throw OpError("center_point_box must be 0 or 1, got \(value)") }
        centerPointBox = value == 1
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let boxesTensor = try inputs.tensor(0)
        let scoresTensor = try inputs.tensor(1)
        guard boxesTensor.rank == 3, boxesTensor.shape[2] == 4 else {
            throw OpError("boxes must have shape [batch, boxes, 4], got \(boxesTensor.shape)")
        }
        let batches = boxesTensor.shape[0]
        let count = boxesTensor.shape[1]
        guard scoresTensor.rank == 3, scoresTensor.shape[0] == batches, scoresTensor.shape[2] == count else {
            throw OpError("scores must have shape [\(batches), classes, \(count)], got \(scoresTensor.shape)")
        }
        let classes = scoresTensor.shape[1]
        let maxOutput = try inputs.optionalTensor(2).map { try TensorOps.integerScalar($0, "max_output_boxes_per_class") } ?? 0
        let iouThreshold = try inputs.optionalTensor(3).map { try Self.scalar($0, "iou_threshold") } ?? 0
        let scoreThreshold = try inputs.optionalTensor(4).map { try Self.scalar($0, "score_threshold") }
        guard iouThreshold >= 0, iouThreshold <= 1 else {
            throw OpError("iou_threshold must be in [0, 1], got \(iouThreshold)")
        }
        let boxes = try RecurrentProblem.floats(boxesTensor)
        let scores = try RecurrentProblem.floats(scoresTensor)
        // Each box as (xMin, yMin, xMax, yMax).
        var corners = [Float](repeating: 0, count: boxes.count)
        for i in 0..<(batches * count) {
            let b = 4 * i
            if centerPointBox {
                let halfWidth = boxes[b + 2] / 2
                let halfHeight = boxes[b + 3] / 2
                corners[b] = boxes[b] - halfWidth
                corners[b + 1] = boxes[b + 1] - halfHeight
                corners[b + 2] = boxes[b] + halfWidth
                corners[b + 3] = boxes[b + 1] + halfHeight
            } else {
                corners[b] = Swift.min(boxes[b + 1], boxes[b + 3])
                corners[b + 1] = Swift.min(boxes[b], boxes[b + 2])
                corners[b + 2] = Swift.max(boxes[b + 1], boxes[b + 3])
                corners[b + 3] = Swift.max(boxes[b], boxes[b + 2])
            }
        }
        var selected: [Int64] = []
        if maxOutput > 0 {
            for batch in 0..<batches {
                for cls in 0..<classes {
                    let scoreBase = (batch * classes + cls) * count
                    var candidates = (0..<count).filter { scoreThreshold == nil || scores[scoreBase + $0] > scoreThreshold ?? 0 }
                    candidates.sort { scores[scoreBase + $0] > scores[scoreBase + $1] || (scores[scoreBase + $0] == scores[scoreBase + $1] && $0 < $1) }
                    var kept: [Int] = []
                    for candidate in candidates {
                        if kept.count >= maxOutput { break }
                        let box = (batch * count + candidate) * 4
                        let suppressed = kept.contains { other in
                            Self.overlaps(corners, box, (batch * count + other) * 4, threshold: iouThreshold)
                        }
                        if !suppressed {
                            kept.append(candidate)
                            selected += [Int64(batch), Int64(cls), Int64(candidate)]
                        }
                    }
                }
            }
        }
        return [.tensor(Tensor(unchecked: [selected.count / 3, 3], selected))]
    }

    private static func scalar(_ tensor: Tensor, _ what: String) throws -> Float {
        guard tensor.count == 1, let value = tensor.doubles?.first else {
            throw OpError("\(what) must be a single number, got shape \(tensor.shape)")
        }
        return Float(value)
    }

    /// Whether the boxes at offsets `a` and `b` overlap by an IoU above `threshold`.
    private static func overlaps(_ c: [Float], _ a: Int, _ b: Int, threshold: Float) -> Bool {
        let xMin = Swift.max(c[a], c[b])
        let yMin = Swift.max(c[a + 1], c[b + 1])
        let xMax = Swift.min(c[a + 2], c[b + 2])
        let yMax = Swift.min(c[a + 3], c[b + 3])
        guard xMax > xMin, yMax > yMin else { return false }
        let intersection = (xMax - xMin) * (yMax - yMin)
        let areaA = (c[a + 2] - c[a]) * (c[a + 3] - c[a + 1])
        let areaB = (c[b + 2] - c[b]) * (c[b + 3] - c[b + 1])
        let union = areaA + areaB - intersection
        guard areaA > 0, areaB > 0, union > 0 else { return false }
        return intersection / union > threshold
    }
}
