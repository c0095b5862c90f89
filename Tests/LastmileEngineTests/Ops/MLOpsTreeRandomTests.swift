import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileEngine


/// A random TreeEnsembleRegressor in attribute form, and a plain recursive evaluation of it.
private struct RandomEnsemble {
    struct Node {
        var mode: String
        var feature: Int
        var value: Float
        var missingTrue: Bool
        var trueId: Int
        var falseId: Int
        var weights: [(target: Int, weight: Float)]
    }

    var trees: [[Int: Node]] = []
    let features: Int
    let targets: Int

    init(seed: UInt64, trees treeCount: Int, depth: Int, features: Int, targets: Int, modes: [String]) {
        var rng = SeededGenerator(state: seed)
        self.features = features
        self.targets = targets
        for _ in 0..<treeCount {
            var nodes: [Int: Node] = [:]
            var nextId = 0
            func grow(_ level: Int) -> Int {
                let id = nextId
                nextId += 1
                if level == depth || (level > 1 && rng.int(4) == 0) {
                    let count = 1 + rng.int(2)
                    let weights = (0..<count).map { _ in (rng.int(targets), rng.unit() * 2 - 1) }
                    nodes[id] = Node(mode: "LEAF", feature: 0, value: 0, missingTrue: false, trueId: 0, falseId: 0, weights: weights)
                    return id
                }
                var node = Node(
                    mode: modes[rng.int(modes.count)], feature: rng.int(features),
                    value: (rng.unit() * 4 - 2).rounded(.down) / 2, missingTrue: rng.int(2) == 0,
                    trueId: 0, falseId: 0, weights: [])
                nodes[id] = node
                node.trueId = grow(level + 1)
                node.falseId = grow(level + 1)
                nodes[id] = node
                return id
            }
            _ = grow(0)
            trees.append(nodes)
        }
    }

    var attributes: [String: Attribute] {
        var a: [String: [Int]] = [:]
        var values: [Float] = []
        var modes: [String] = []
        var weights: [Float] = []
        for (t, nodes) in trees.enumerated() {
            // Node ids listed in a scrambled but deterministic order, the root first.
            for id in nodes.keys.sorted(by: { ($0 == 0 ? -1 : ($0 * 7919) % 1009) < ($1 == 0 ? -1 : ($1 * 7919) % 1009) }) {
                guard let n = nodes[id] else { continue }
                a["nodes_treeids", default: []].append(t)
                a["nodes_nodeids", default: []].append(id)
                a["nodes_featureids", default: []].append(n.feature)
                a["nodes_truenodeids", default: []].append(n.trueId)
                a["nodes_falsenodeids", default: []].append(n.falseId)
                a["nodes_missing_value_tracks_true", default: []].append(n.missingTrue ? 1 : 0)
                values.append(n.value)
                modes.append(n.mode)
                for w in n.weights {
                    a["target_treeids", default: []].append(t)
                    a["target_nodeids", default: []].append(id)
                    a["target_ids", default: []].append(w.target)
                    weights.append(w.weight)
                }
            }
        }
        var out = a.mapValues { Attribute.ints($0) }
        out["nodes_values"] = .floats(values)
        out["nodes_modes"] = .strings(modes)
        out["target_weights"] = .floats(weights)
        out["n_targets"] = .int(targets)
        return out
    }

    /// Sums the leaf weights reached in each tree, per target, in tree order.
    func evaluate(_ row: ArraySlice<Float>) -> [Float] {
        var scores = [Float](repeating: 0, count: targets)
        var reached = [Bool](repeating: false, count: targets)
        for nodes in trees {
            var id = 0
            while let n = nodes[id], n.mode != "LEAF" {
                let x = row[row.startIndex + n.feature]
                let holds: Bool
                switch n.mode {
                case "BRANCH_LEQ": holds = x <= n.value
                case "BRANCH_LT": holds = x < n.value
                case "BRANCH_GTE": holds = x >= n.value
                case "BRANCH_GT": holds = x > n.value
                case "BRANCH_EQ": holds = x == n.value
                default: holds = x != n.value
                }
                id = holds || (n.missingTrue && x.isNaN) ? n.trueId : n.falseId
            }
            for w in nodes[id]?.weights ?? [] {
                scores[w.target] += w.weight
                reached[w.target] = true
            }
        }
        return zip(scores, reached).map { $1 ? $0 : 0 }
    }
}

@Suite struct MLOpsTreeRandomTests {
    /// Rows with values on the thresholds' grid, and NaNs, so every comparison edge is hit.
    private func rows(_ count: Int, features: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(state: seed)
        return (0..<(count * features)).map { _ in rng.int(10) == 0 ? .nan : Float(rng.int(9) - 4) / 2 }
    }

    @Test(arguments: [
        ["BRANCH_LEQ"], ["BRANCH_LT"],
        ["BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE", "BRANCH_GT", "BRANCH_EQ", "BRANCH_NEQ"],
    ])
    func randomEnsemblesMatchAPlainEvaluation(_ modes: [String]) throws {
        // Given a seeded random ensemble of 40 trees over 6 features and 3 targets
        let ensemble = RandomEnsemble(seed: UInt64(modes.count * 31 + modes[0].count), trees: 40, depth: 6,
                                      features: 6, targets: 3, modes: modes)
        let x = rows(200, features: 6, seed: 99)

        // When the engine evaluates it
        let out = try runML("TreeEnsembleRegressor", [Tensor(unchecked: [200, 6], x)], ensemble.attributes)
        let scores = try #require(out[0].tensor?.elements(Float.self))

        // Then every row matches the plain recursive evaluation
        for r in 0..<200 {
            let want = ensemble.evaluate(x[(r * 6)..<((r + 1) * 6)])
            let got = Array(scores[(r * 3)..<((r + 1) * 3)])
            #expect(zip(got, want).allSatisfy { abs($0 - $1) <= 1e-5 }, "row \(r): \(got) vs \(want)")
        }
    }

    @Test func doubleInputsFollowTheSamePaths() throws {
        // Given a random ensemble and the same rows as float and as double
        let ensemble = RandomEnsemble(seed: 5, trees: 25, depth: 5, features: 4, targets: 2, modes: ["BRANCH_LEQ", "BRANCH_GT"])
        let x = rows(100, features: 4, seed: 7)

        // When both are evaluated
        let f = try runML("TreeEnsembleRegressor", opset: 3, [Tensor(unchecked: [100, 4], x)], ensemble.attributes)
        let d = try runML("TreeEnsembleRegressor", opset: 3, [Tensor(unchecked: [100, 4], x.map { Double($0) })], ensemble.attributes)

        // Then, the values being exact in float, they agree
        let a = try #require(f[0].tensor?.elements(Float.self))
        let b = try #require(d[0].tensor?.elements(Float.self))
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 })
    }
}
