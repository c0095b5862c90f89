import LastmileTensor

/// An Einsum equation bound to operand shapes: every distinct subscript (each ellipsis axis
/// counts as one) becomes a label with a size, output labels first, then summed labels.
struct EinsumPlan {
    /// Label sizes, output labels first.
    let sizes: [Int]
    let outputLabelCount: Int
    /// For each operand, the label of each of its axes.
    let axisLabels: [[Int]]
    /// For each operand, its element stride along each label (0 when absent or broadcast;
    /// summed over repeated axes, which walks a diagonal).
    let strides: [[Int]]

    var outputShape: [Int] { Array(sizes[..<outputLabelCount]) }

    init(_ equation: EinsumEquation, shapes: [[Int]]) throws {
        // Ellipsis axes are labels 0..<ellipsisRank (right-aligned across operands); letters follow.
        var ellipsisRanks: [Int] = []
        for (term, shape) in zip(equation.inputs, shapes) {
            let letters = term.filter { $0 != .ellipsis }.count
            if term.contains(.ellipsis) {
                guard shape.count >= letters else {
                    throw OpError("Einsum operand of shape \(shape) has fewer axes than its term's \(letters) letters")
                }
                ellipsisRanks.append(shape.count - letters)
            } else {
                guard shape.count == letters else {
                    throw OpError("Einsum operand of shape \(shape) does not have the \(letters) axes its term names")
                }
                ellipsisRanks.append(0)
            }
        }
        let ellipsisRank = ellipsisRanks.max() ?? 0

        var letterCounts: [UInt8: Int] = [:]
        var letterOrder: [UInt8] = []
        for term in equation.inputs {
            for case .letter(let c) in term {
                if letterCounts[c] == nil { letterOrder.append(c) }
                letterCounts[c, default: 0] += 1
            }
        }
        let outputTerm: [EinsumEquation.Subscript]
        if let explicit = equation.output {
            for case .letter(let c) in explicit where letterCounts[c] == nil {
                throw OpError("Einsum output subscript '\(Character(Unicode.Scalar(c)))' does not occur in any input")
            }
            outputTerm = explicit
        } else {
            let once = letterOrder.filter { letterCounts[$0] == 1 }.sorted()
            outputTerm = (ellipsisRank > 0 ? [.ellipsis] : []) + once.map { .letter($0) }
        }

        // Number the labels: output labels first, then the summed ones.
        var labelOfLetter: [UInt8: Int] = [:]
        var ellipsisLabels = [Int](repeating: -1, count: ellipsisRank)
        var next = 0
        for s in outputTerm {
            switch s {
            case .ellipsis:
                for j in 0..<ellipsisRank { ellipsisLabels[j] = next; next += 1 }
            case .letter(let c):
                labelOfLetter[c] = next
                next += 1
            }
        }
        let outputLabelCount = next
        for j in 0..<ellipsisRank where ellipsisLabels[j] < 0 { ellipsisLabels[j] = next; next += 1 }
        for c in letterOrder where labelOfLetter[c] == nil { labelOfLetter[c] = next; next += 1 }

        var sizes = [Int](repeating: 1, count: next)
        var known = [Bool](repeating: false, count: next)
        var axisLabels: [[Int]] = []
        for (index, (term, shape)) in zip(equation.inputs, shapes).enumerated() {
            var labels: [Int] = []
            for s in term {
                switch s {
                case .ellipsis:
                    let own = ellipsisRanks[index]
                    for j in 0..<own { labels.append(ellipsisLabels[ellipsisRank - own + j]) }
                case .letter(let c):
                    labels.append(labelOfLetter[c] ?? 0)
                }
            }
            for (axis, label) in labels.enumerated() {
                let size = shape[axis]
                let isEllipsis = ellipsisLabels.contains(label)
                if !known[label] || (isEllipsis && sizes[label] == 1) {
                    sizes[label] = size
                    known[label] = true
                } else if sizes[label] != size && !(isEllipsis && size == 1) {
                    throw OpError("Einsum subscript sizes disagree: \(sizes[label]) and \(size) (operand \(index), shape \(shape))")
                }
            }
            axisLabels.append(labels)
        }
        var strides: [[Int]] = []
        for (labels, shape) in zip(axisLabels, shapes) {
            let own = Shape.strides(shape)
            var byLabel = [Int](repeating: 0, count: next)
            for (axis, label) in labels.enumerated() where shape[axis] != 1 || sizes[label] == 1 {
                byLabel[label] += own[axis]
            }
            strides.append(byLabel)
        }
        _ = try ReductionAxes.checkedCount(Array(sizes[..<outputLabelCount]))
        _ = try ReductionAxes.checkedCount(Array(sizes[outputLabelCount...]))
        self.sizes = sizes
        self.outputLabelCount = outputLabelCount
        self.axisLabels = axisLabels
        self.strides = strides
    }

    // MARK: - Direct evaluation

    /// The result by visiting every label combination: output labels outside, summed inside.
    func evaluate<T: ReductionElement>(_ operands: [[T]]) -> [T] {
        let outputCount = Shape.count(Array(sizes[..<outputLabelCount]))
        let outputLabels = Array(0..<outputLabelCount)
        let summed = Array(outputLabelCount..<sizes.count)
        let summedCount = Shape.count(summed.map { sizes[$0] })
        let operandCount = operands.count
        var result = [T](repeating: .zero, count: outputCount)
        guard outputCount > 0 else { return result }
        var outerIndex = [Int](repeating: 0, count: outputLabelCount)
        var base = [Int](repeating: 0, count: operandCount)
        var offsets = base
        var innerIndex = [Int](repeating: 0, count: summed.count)
        for o in 0..<outputCount {
            var total = T.zero
            if summedCount > 0 {
                for i in 0..<operandCount { offsets[i] = base[i] }
                for i in 0..<summed.count { innerIndex[i] = 0 }
                for _ in 0..<summedCount {
                    var product: T = 1
                    for i in 0..<operandCount { product = T.reductionMultiply(product, operands[i][offsets[i]]) }
                    total = T.reductionAdd(total, product)
                    advance(&innerIndex, labels: summed, offsets: &offsets)
                }
            }
            result[o] = total
            advance(&outerIndex, labels: outputLabels, offsets: &base)
        }
        return result
    }

    /// Steps a row-major odometer over `labels`, keeping each operand's offset in step.
    @inline(__always)
    private func advance(_ index: inout [Int], labels: [Int], offsets: inout [Int]) {
        var d = labels.count - 1
        while d >= 0 {
            let label = labels[d]
            index[d] += 1
            for i in 0..<offsets.count { offsets[i] += strides[i][label] }
            if index[d] < sizes[label] { return }
            for i in 0..<offsets.count { offsets[i] -= strides[i][label] * sizes[label] }
            index[d] = 0
            d -= 1
        }
    }

    // MARK: - Contraction through MatMul

    /// The result through one batched matrix product when there are two operands, no
    /// repeated or broadcast labels, and every summed label occurs in both; nil otherwise.
    func contractWithMatMul(_ operands: [Tensor]) throws -> Tensor? {
        guard operands.count == 2, operands[0].dtype.isNumeric else { return nil }
        let (a, b) = (axisLabels[0], axisLabels[1])
        guard Set(a).count == a.count, Set(b).count == b.count else { return nil }
        for (labels, operand) in zip(axisLabels, operands) {
            for (axis, label) in labels.enumerated() where operand.shape[axis] != sizes[label] { return nil }
        }
        let isOutput = { (label: Int) in label < outputLabelCount }
        let batch = (0..<outputLabelCount).filter { a.contains($0) && b.contains($0) }
        let left = (0..<outputLabelCount).filter { a.contains($0) && !b.contains($0) }
        let right = (0..<outputLabelCount).filter { b.contains($0) && !a.contains($0) }
        let summed = a.filter { !isOutput($0) }
        guard summed.allSatisfy(b.contains), b.allSatisfy({ isOutput($0) || a.contains($0) }) else { return nil }

        let size = { (labels: [Int]) in Shape.count(labels.map { self.sizes[$0] }) }
        let (batches, m, n, k) = (size(batch), size(left), size(right), size(summed))
        let lhs = try operands[0].transposed((batch + left + summed).compactMap { a.firstIndex(of: $0) })
            .reshaped([batches, m, k])
        let rhs = try operands[1].transposed((batch + summed + right).compactMap { b.firstIndex(of: $0) })
            .reshaped([batches, k, n])
        let product = try MatMulKernel.multiply(lhs, rhs)
        let produced = batch + left + right
        let grouped = try product.reshaped(produced.map { sizes[$0] })
        return try grouped.transposed((0..<outputLabelCount).compactMap { produced.firstIndex(of: $0) })
    }
}
