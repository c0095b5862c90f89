/// The per-precision values of a compiled tree ensemble: thresholds, set members and leaf
/// weights, in float (for float and integer inputs) or double (for double inputs).
struct TreeValues<T: BinaryFloatingPoint>: @unchecked Sendable {
    // Safety: the buffers are owned by the TreeEnsembleModel that holds this value; they are
    // written once while it is built and only read afterwards.
    let thresholds: UnsafeMutableBufferPointer<T>
    let members: UnsafeMutableBufferPointer<T>
    /// The first weight of each leaf: the value the single-target aggregation adds.
    let leafFirst: UnsafeMutableBufferPointer<T>
    let weights: UnsafeMutableBufferPointer<T>

    func deallocate() {
        thresholds.deallocate()
        members.deallocate()
        leafFirst.deallocate()
        weights.deallocate()
    }
}

/// A tree ensemble compiled into flat struct-of-arrays form for fast evaluation.
///
/// Interior nodes are laid out tree by tree in depth-first order (the false child of a node
/// usually follows it). A child index `c >= 0` is an interior node, `c < 0` is leaf `~c`.
/// Leaves own a range of `(target, weight)` pairs. Evaluation allocates only a small scratch
/// buffer per call, never per row or per tree.
final class TreeEnsembleModel: @unchecked Sendable {
    // Safety: every buffer is written once in init and only read afterwards; deinit frees them.

    /// The traversal loop to use: specialised loops for the common single-mode ensembles.
    enum Traversal {
        case leq, lt, leqMissing, ltMissing, general
    }

    static let missingFlag: UInt8 = 0x10

    let nodeCount: Int
    let leafCount: Int
    let targetCount: Int
    let maxFeature: Int
    let traversal: Traversal
    /// Whether every leaf holds exactly one weight for target 0 (the common regression case).
    let singleWeightLeaves: Bool

    let feature: UnsafeMutableBufferPointer<Int32>
    let mode: UnsafeMutableBufferPointer<UInt8>
    let trueChild: UnsafeMutableBufferPointer<Int32>
    let falseChild: UnsafeMutableBufferPointer<Int32>
    let memberStart: UnsafeMutableBufferPointer<Int32>
    let memberCount: UnsafeMutableBufferPointer<Int32>
    let roots: UnsafeMutableBufferPointer<Int32>
    let leafStart: UnsafeMutableBufferPointer<Int32>
    let leafWeightCount: UnsafeMutableBufferPointer<Int32>
    let weightTarget: UnsafeMutableBufferPointer<Int32>
    let float: TreeValues<Float>
    let double: TreeValues<Double>

    var treeCount: Int { roots.count }

    /// Compiles a decoded ensemble, checking every reference and rejecting cycles.
    init(_ graph: TreeGraph, targetCount: Int) throws {
        let sourceNodes = graph.modes.count
        let sourceLeaves = graph.leaves.count
        func check(_ ref: TreeGraph.Ref, _ what: String) throws {
            switch ref {
            case .node(let i):
                guard i >= 0, i < sourceNodes else { throw OpError("\(what) refers to node \(i), which does not exist") }
            case .leaf(let i):
                guard i >= 0, i < sourceLeaves else { throw OpError("\(what) refers to leaf \(i), which does not exist") }
            }
        }
        for i in 0..<sourceNodes {
            try check(graph.trueChildren[i], "the true branch of node \(i)")
            try check(graph.falseChildren[i], "the false branch of node \(i)")
            guard graph.features[i] >= 0, graph.features[i] <= Int(Int32.max) else {
                throw OpError("node \(i) has feature id \(graph.features[i])")
            }
        }
        for (i, root) in graph.roots.enumerated() { try check(root, "the root of tree \(i)") }
        for (l, weights) in graph.leaves.enumerated() {
            for w in weights where w.target < 0 || w.target >= targetCount {
                throw OpError("leaf \(l) has a weight for target \(w.target), outside [0, \(targetCount))")
            }
        }

        // Lay out the reachable interior nodes depth first, detecting cycles.
        var newIndex = [Int](repeating: -1, count: sourceNodes)
        var state = [UInt8](repeating: 0, count: sourceNodes)  // 0 new, 1 in progress, 2 done
        var order: [Int] = []
        var leafIndex = [Int](repeating: -1, count: sourceLeaves)
        var leafOrder: [Int] = []
        var stack: [(Int, Bool)] = []
        func visitLeaf(_ l: Int) {
            if leafIndex[l] < 0 {
                leafIndex[l] = leafOrder.count
                leafOrder.append(l)
            }
        }
        for root in graph.roots {
            switch root {
            case .leaf(let l): visitLeaf(l); continue
            case .node(let n): stack.append((n, false))
            }
            while let (n, expanded) = stack.popLast() {
                if expanded { state[n] = 2; continue }
                if state[n] == 2 { continue }
                newIndex[n] = order.count
                order.append(n)
                state[n] = 1
                stack.append((n, true))
                for child in [graph.trueChildren[n], graph.falseChildren[n]] {
                    switch child {
                    case .leaf(let l): visitLeaf(l)
                    case .node(let c):
                        if state[c] == 1 { throw OpError("the trees contain a cycle through node \(c)") }
                        if state[c] == 0 { stack.append((c, false)) }
                    }
                }
            }
        }
        func encode(_ ref: TreeGraph.Ref) -> Int32 {
            switch ref {
            case .node(let n): Int32(newIndex[n])
            case .leaf(let l): ~Int32(leafIndex[l])
            }
        }

        nodeCount = order.count
        leafCount = leafOrder.count
        self.targetCount = targetCount
        feature = .allocate(capacity: max(nodeCount, 1))
        mode = .allocate(capacity: max(nodeCount, 1))
        trueChild = .allocate(capacity: max(nodeCount, 1))
        falseChild = .allocate(capacity: max(nodeCount, 1))
        memberStart = .allocate(capacity: max(nodeCount, 1))
        memberCount = .allocate(capacity: max(nodeCount, 1))
        let thresholdsF = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(nodeCount, 1))
        let thresholdsD = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(nodeCount, 1))
        var membersF: [Float] = []
        var membersD: [Double] = []
        var maxFeature = -1
        var sameMode: UInt8? = nil
        var mixed = false
        var anyMissing = false
        for (k, n) in order.enumerated() {
            feature[k] = Int32(graph.features[n])
            maxFeature = max(maxFeature, graph.features[n])
            let m = graph.modes[n]
            if sameMode == nil { sameMode = m } else if sameMode != m { mixed = true }
            if graph.missingTracksTrue[n] { anyMissing = true }
            mode[k] = m | (graph.missingTracksTrue[n] ? Self.missingFlag : 0)
            trueChild[k] = encode(graph.trueChildren[n])
            falseChild[k] = encode(graph.falseChildren[n])
            thresholdsF[k] = graph.thresholdsFloat[n]
            thresholdsD[k] = graph.thresholdsDouble[n]
            memberStart[k] = Int32(membersF.count)
            memberCount[k] = Int32(graph.membersFloat[n].count)
            membersF.append(contentsOf: graph.membersFloat[n])
            membersD.append(contentsOf: graph.membersDouble[n])
        }
        self.maxFeature = maxFeature
        switch (mixed ? nil : sameMode, anyMissing) {
        case (TreeNodeMode.leq.rawValue?, false): traversal = .leq
        case (TreeNodeMode.lt.rawValue?, false): traversal = .lt
        case (TreeNodeMode.leq.rawValue?, true): traversal = .leqMissing
        case (TreeNodeMode.lt.rawValue?, true): traversal = .ltMissing
        default: traversal = nodeCount == 0 ? .leq : .general
        }

        let rootBuffer = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(graph.roots.count, 1))
        for (i, root) in graph.roots.enumerated() { rootBuffer[i] = encode(root) }
        roots = UnsafeMutableBufferPointer(rebasing: rootBuffer[0..<graph.roots.count])

        leafStart = .allocate(capacity: max(leafCount, 1))
        leafWeightCount = .allocate(capacity: max(leafCount, 1))
        let leafFirstF = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(leafCount, 1))
        let leafFirstD = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(leafCount, 1))
        let totalWeights = leafOrder.reduce(0) { $0 + graph.leaves[$1].count }
        weightTarget = .allocate(capacity: max(totalWeights, 1))
        let weightsF = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(totalWeights, 1))
        let weightsD = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(totalWeights, 1))
        var next = 0
        var single = true
        for (k, l) in leafOrder.enumerated() {
            let weights = graph.leaves[l]
            leafStart[k] = Int32(next)
            leafWeightCount[k] = Int32(weights.count)
            leafFirstF[k] = weights.first?.float ?? 0
            leafFirstD[k] = weights.first?.double ?? 0
            if weights.count != 1 || weights[0].target != 0 { single = false }
            for w in weights {
                weightTarget[next] = Int32(w.target)
                weightsF[next] = w.float
                weightsD[next] = w.double
                next += 1
            }
        }
        singleWeightLeaves = single
        float = TreeValues(
            thresholds: thresholdsF, members: Self.copy(membersF), leafFirst: leafFirstF, weights: weightsF)
        double = TreeValues(
            thresholds: thresholdsD, members: Self.copy(membersD), leafFirst: leafFirstD, weights: weightsD)
    }

    deinit {
        feature.deallocate()
        mode.deallocate()
        trueChild.deallocate()
        falseChild.deallocate()
        memberStart.deallocate()
        memberCount.deallocate()
        roots.deallocate()
        leafStart.deallocate()
        leafWeightCount.deallocate()
        weightTarget.deallocate()
        float.deallocate()
        double.deallocate()
    }

    private static func copy<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(values.count, 1))
        _ = buffer.initialize(from: values)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<values.count])
    }

    // MARK: - Traversal

    /// The leaf reached from `start` (an encoded root) for the feature row `x`.
    @inline(__always)
    func leaf<T: BinaryFloatingPoint>(from start: Int32, _ x: UnsafePointer<T>, _ values: TreeValues<T>) -> Int {
        var n = start
        let feature = self.feature.baseAddress.unsafelyUnwrapped
        let trueChild = self.trueChild.baseAddress.unsafelyUnwrapped
        let falseChild = self.falseChild.baseAddress.unsafelyUnwrapped
        let threshold = values.thresholds.baseAddress.unsafelyUnwrapped
        switch traversal {
        case .leq:
            while n >= 0 {
                let i = Int(n)
                n = x[Int(feature[i])] <= threshold[i] ? trueChild[i] : falseChild[i]
            }
        case .lt:
            while n >= 0 {
                let i = Int(n)
                n = x[Int(feature[i])] < threshold[i] ? trueChild[i] : falseChild[i]
            }
        case .leqMissing, .ltMissing:
            let mode = self.mode.baseAddress.unsafelyUnwrapped
            let lt = traversal == .ltMissing
            while n >= 0 {
                let i = Int(n)
                let v = x[Int(feature[i])]
                let t = threshold[i]
                let goesTrue = (lt ? v < t : v <= t) || (mode[i] & Self.missingFlag != 0 && v.isNaN)
                n = goesTrue ? trueChild[i] : falseChild[i]
            }
        case .general:
            while n >= 0 {
                let i = Int(n)
                n = step(i, x, values) ? trueChild[i] : falseChild[i]
            }
        }
        return Int(~n)
    }

    /// Whether interior node `i` sends row `x` down its true branch, for any mode.
    @inline(__always)
    private func step<T: BinaryFloatingPoint>(_ i: Int, _ x: UnsafePointer<T>, _ values: TreeValues<T>) -> Bool {
        let m = mode[i]
        let v = x[Int(feature[i])]
        let t = values.thresholds[i]
        let result: Bool
        switch m & 0x0F {
        case TreeNodeMode.leq.rawValue: result = v <= t
        case TreeNodeMode.lt.rawValue: result = v < t
        case TreeNodeMode.gte.rawValue: result = v >= t
        case TreeNodeMode.gt.rawValue: result = v > t
        case TreeNodeMode.eq.rawValue: result = v == t
        case TreeNodeMode.neq.rawValue: result = v != t
        default:
            let start = Int(memberStart[i])
            var found = false
            for k in start..<(start + Int(memberCount[i])) where values.members[k] == v {
                found = true
                break
            }
            result = found
        }
        return result || (m & Self.missingFlag != 0 && v.isNaN)
    }
}
