/// The coalitions KernelSHAP evaluates and their regression weights, chosen as the `shap`
/// package's KernelExplainer does: subset sizes are taken from the smallest (and, paired, the
/// largest) inwards; a size whose every subset fits in the remaining budget, at the Shapley
/// kernel's share, is enumerated in full with weight `kernel(size) / C(M, size)`; the budget
/// left is spent on random subsets drawn by the kernel's size distribution, each paired with
/// its complement, repeats adding weight instead of rows; the sampled part then gets the
/// kernel weight the unenumerated sizes carry.
struct KernelDesign: Sendable {
    /// `count * features` flags, coalition by coalition (never empty, never full).
    var masks: [Bool] = []
    var weights: [Double] = []
    var count: Int { weights.count }

    /// The design for `features` (>= 2) with a budget of `samples` coalitions.
    static func make(features m: Int, samples: Int, seed: UInt64) -> KernelDesign {
        var design = KernelDesign()
        let all = m < 62 ? (1 << m) - 2 : Int.max
        if samples >= all {
            // The budget covers every coalition: enumerate them with the exact kernel weights.
            for size in 1..<m {
                let w = kernel(m, size)
                forEachSubset(m, size) { design.add($0, weight: w) }
            }
            return design
        }
        let subsetSizes = Int((Double(m - 1) / 2).rounded(.up))
        let pairedSizes = (m - 1) / 2
        var sizeWeights = (1...subsetSizes).map { s in Double(m - 1) / (Double(s) * Double(m - s)) }
        for i in 0..<pairedSizes { sizeWeights[i] *= 2 }
        let total = sizeWeights.reduce(0, +)
        sizeWeights = sizeWeights.map { $0 / total }
        var remaining = sizeWeights
        var samplesLeft = samples
        var fullSizes = 0
        for size in 1...subsetSizes {
            let paired = size <= pairedSizes
            var subsets = Combinatorics.binomial(m, size)
            if paired { subsets *= 2 }
            guard Double(samplesLeft) * remaining[size - 1] / subsets >= 1 - 1e-8 else { break }
            fullSizes += 1
            samplesLeft -= Int(subsets)
            if remaining[size - 1] < 1 {
                let scale = 1 - remaining[size - 1]
                remaining = remaining.map { $0 / scale }
            }
            var w = sizeWeights[size - 1] / Combinatorics.binomial(m, size)
            if paired { w /= 2 }
            forEachSubset(m, size) { mask in
                design.add(mask, weight: w)
                if paired { design.add(mask.map { !$0 }, weight: w) }
            }
        }
        let fixed = design.count
        guard fullSizes < subsetSizes, samplesLeft > 0 else { return design }
        var left = Array(sizeWeights[fullSizes...])
        let leftTotal = left.reduce(0, +)
        left = left.map { $0 / leftTotal }
        var cumulative: [Double] = []
        var running = 0.0
        for p in left { running += p; cumulative.append(running) }
        var random = SeededGenerator(seed: seed)
        var used: [[Bool]: Int] = [:]
        var order = Array(0..<m)
        var draws = 0
        let maxDraws = 4 * samplesLeft + 64
        while samplesLeft > 0, draws < maxDraws {
            draws += 1
            let u = Double.random(in: 0..<1, using: &random)
            let pick = cumulative.firstIndex { u < $0 } ?? (cumulative.count - 1)
            let size = pick + fullSizes + 1
            for i in 0..<size {
                let j = Int.random(in: i..<m, using: &random)
                order.swapAt(i, j)
            }
            var mask = [Bool](repeating: false, count: m)
            for i in 0..<size { mask[order[i]] = true }
            design.addSampled(mask, used: &used, samplesLeft: &samplesLeft)
            if samplesLeft > 0, size <= pairedSizes {
                design.addSampled(mask.map { !$0 }, used: &used, samplesLeft: &samplesLeft)
            }
        }
        let sampledWeight = design.weights[fixed...].reduce(0, +)
        let leftWeight = sizeWeights[fullSizes...].reduce(0, +)
        if sampledWeight > 0 {
            for k in fixed..<design.count { design.weights[k] *= leftWeight / sampledWeight }
        }
        return design
    }

    /// The Shapley kernel's weight of one coalition of `size` features out of `m`.
    static func kernel(_ m: Int, _ size: Int) -> Double {
        Double(m - 1) / (Combinatorics.binomial(m, size) * Double(size) * Double(m - size))
    }

    mutating func add(_ mask: [Bool], weight: Double) {
        masks.append(contentsOf: mask)
        weights.append(weight)
    }

    private mutating func addSampled(_ mask: [Bool], used: inout [[Bool]: Int], samplesLeft: inout Int) {
        if let index = used[mask] {
            weights[index] += 1
        } else {
            used[mask] = count
            add(mask, weight: 1)
            samplesLeft -= 1
        }
    }

    /// Calls `body` with every subset of `size` of `m` features, as flags.
    static func forEachSubset(_ m: Int, _ size: Int, _ body: ([Bool]) -> Void) {
        var indices = Array(0..<size)
        while true {
            var mask = [Bool](repeating: false, count: m)
            for i in indices { mask[i] = true }
            body(mask)
            var i = size - 1
            while i >= 0, indices[i] == m - size + i { i -= 1 }
            guard i >= 0 else { return }
            indices[i] += 1
            for j in (i + 1)..<size { indices[j] = indices[j - 1] + 1 }
        }
    }
}
