import LastmileEngine
import LastmileTensor

/// An ONNX tree ensemble (TreeEnsembleRegressor or TreeEnsembleClassifier) whose raw sum is the
/// served output: what interventional TreeSHAP walks.
///
/// The output is `base + scale * sum over trees of the reached leaf's weights`, where `scale`
/// is 1 for the SUM aggregate and 1 / trees for AVERAGE; a post transform (LOGISTIC,
/// SOFTMAX, ...) makes the output non-additive, so such models are refused.
public struct TreeModel: Sendable {
    enum Mode: Sendable { case leq, lt, gte, gt, eq, neq }

    /// Interior nodes of every tree, flattened; a child `c >= 0` is an interior node, `c < 0`
    /// is leaf `-c - 1`.
    var feature: [Int] = []
    var threshold: [Double] = []
    var mode: [Mode] = []
    var missingTracksTrue: [Bool] = []
    var trueChild: [Int] = []
    var falseChild: [Int] = []
    /// Each tree's root in the same encoding.
    var roots: [Int] = []
    /// `leaves * outputs` weights.
    var leafValues: [Double] = []
    public private(set) var outputs: Int = 0
    public private(set) var features: Int = 0
    var base: [Double] = []
    var scale = 1.0
    /// The largest number of interior nodes on a root-to-leaf path.
    var depth = 0

    public var trees: Int { roots.count }

    /// The ensemble behind `output` of `graph`: the graph's one input must reach the ensemble
    /// directly (or through Identity and float Casts) and the ensemble's raw scores must reach
    /// `output` the same way. Throws `ExplainError(.badInput)` saying what does not fit.
    public init(graph: Graph, output: String) throws {
        let inputs = graph.requiredInputs
        guard inputs.count == 1, case .tensor(let dtype?, let shape?) = inputs[0].type, dtype.isNumeric,
              shape.count == 2, case .fixed(let width) = shape[1] else {
            throw ExplainError(.badInput, "the tree method needs a model with one numeric input of shape [batch, features]")
        }
        let producers = Dictionary(graph.nodes.flatMap { node in node.outputs.map { ($0, node) } }, uniquingKeysWith: { a, _ in a })
        func source(_ name: String) -> (Node, Int)? {
            var name = name
            while let node = producers[name] {
                if Self.passesThrough(node) { name = node.inputs[0]; continue }
                return (node, node.outputs.firstIndex(of: name) ?? -1)
            }
            return nil
        }
        func reachesInput(_ name: String) -> Bool {
            var name = name
            while name != inputs[0].name {
                guard let node = producers[name], Self.passesThrough(node) else { return false }
                name = node.inputs[0]
            }
            return true
        }
        guard let (node, index) = source(output), node.domain == Domain.ml,
              (node.opType == "TreeEnsembleRegressor" && index == 0) || (node.opType == "TreeEnsembleClassifier" && index == 1) else {
            throw ExplainError(.badInput, "the tree method needs output \"\(output)\" to be the raw scores of a TreeEnsembleRegressor or TreeEnsembleClassifier")
        }
        guard reachesInput(node.inputs[0]) else {
            throw ExplainError(.badInput, "the tree method needs the model's input to feed node \"\(node.name)\" (\(node.opType)) unchanged")
        }
        features = width
        try load(node)
    }

    static func passesThrough(_ node: Node) -> Bool {
        guard node.domain == Domain.onnx, !node.inputs.isEmpty else { return false }
        if node.opType == "Identity" { return true }
        if node.opType == "Cast", case .int(let to)? = node.attributes["to"] { return to == 1 || to == 11 }
        return false
    }

    private mutating func load(_ node: Node) throws {
        let label = "node \"\(node.name)\" (\(node.opType))"
        func ints(_ name: String) -> [Int] {
            if case .ints(let v)? = node.attributes[name] { return v }
            return []
        }
        func strings(_ name: String) -> [String] {
            if case .strings(let v)? = node.attributes[name] { return v }
            return []
        }
        func string(_ name: String, _ fallback: String) -> String {
            if case .string(let v)? = node.attributes[name] { return v }
            return fallback
        }
        func doubles(_ name: String) -> [Double] {
            if case .tensor(let t)? = node.attributes["\(name)_as_tensor"], let v = t.doubles { return v }
            if case .floats(let v)? = node.attributes[name] { return v.map(Double.init) }
            return []
        }
        let transform = string("post_transform", "NONE")
        guard transform == "NONE" else {
            throw ExplainError(.badInput, "the tree method needs the ensemble's raw sum, but \(label) applies post_transform \(transform); use method \"exact\" or \"kernel\"")
        }
        let aggregate = string("aggregate_function", "SUM")
        let isClassifier = node.opType == "TreeEnsembleClassifier"
        let prefix = isClassifier ? "class" : "target"
        if isClassifier {
            outputs = max(ints("classlabels_int64s").count, strings("classlabels_strings").count)
        } else {
            if case .int(let n)? = node.attributes["n_targets"] { outputs = n } else { outputs = 1 }
        }
        let treeIds = ints("nodes_treeids"), nodeIds = ints("nodes_nodeids"), featureIds = ints("nodes_featureids")
        let modes = strings("nodes_modes"), trueIds = ints("nodes_truenodeids"), falseIds = ints("nodes_falsenodeids")
        let missing = ints("nodes_missing_value_tracks_true"), values = doubles("nodes_values")
        let count = treeIds.count
        guard count > 0, [nodeIds.count, featureIds.count, modes.count, trueIds.count, falseIds.count, values.count].allSatisfy({ $0 == count }) else {
            throw ExplainError(.badInput, "\(label) has node attributes of different lengths")
        }
        let weightTrees = ints("\(prefix)_treeids"), weightNodes = ints("\(prefix)_nodeids"), weightIds = ints("\(prefix)_ids")
        let weights = doubles("\(prefix)_weights")
        guard weightTrees.count == weights.count, weightNodes.count == weights.count, weightIds.count == weights.count else {
            throw ExplainError(.badInput, "\(label) has leaf weight attributes of different lengths")
        }
        if isClassifier, outputs > 0, Set(weightIds) != Set(0..<outputs) {
            throw ExplainError(.badInput, "the tree method needs \(label) to carry weights for each of its \(outputs) classes")
        }
        struct Key: Hashable { var tree: Int; var node: Int }
        var position: [Key: Int] = [:]
        var ref = [Int](repeating: 0, count: count)
        var interior = 0, leaves = 0
        for i in 0..<count {
            position[Key(tree: treeIds[i], node: nodeIds[i])] = i
            if modes[i] == "LEAF" {
                leaves += 1
                ref[i] = -leaves
            } else {
                ref[i] = interior
                interior += 1
            }
        }
        leafValues = [Double](repeating: 0, count: leaves * outputs)
        for k in 0..<weights.count {
            guard let i = position[Key(tree: weightTrees[k], node: weightNodes[k])], ref[i] < 0, weightIds[k] >= 0, weightIds[k] < outputs else {
                throw ExplainError(.badInput, "\(label) has a leaf weight for a node or output that does not exist")
            }
            leafValues[(-ref[i] - 1) * outputs + weightIds[k]] += weights[k]
        }
        var seenTrees = Set<Int>()
        for i in 0..<count {
            if seenTrees.insert(treeIds[i]).inserted { roots.append(ref[i]) }
            guard ref[i] >= 0 else { continue }
            let m: Mode
            switch modes[i] {
            case "BRANCH_LEQ": m = .leq
            case "BRANCH_LT": m = .lt
            case "BRANCH_GTE": m = .gte
            case "BRANCH_GT": m = .gt
            case "BRANCH_EQ": m = .eq
            case "BRANCH_NEQ": m = .neq
            default: throw ExplainError(.badInput, "\(label) has node mode \(modes[i]), which the tree method does not know")
            }
            guard featureIds[i] >= 0, featureIds[i] < features else {
                throw ExplainError(.badInput, "\(label) splits on feature \(featureIds[i]) but the input has \(features)")
            }
            guard let t = position[Key(tree: treeIds[i], node: trueIds[i])], let f = position[Key(tree: treeIds[i], node: falseIds[i])] else {
                throw ExplainError(.badInput, "\(label): node \(nodeIds[i]) of tree \(treeIds[i]) points to a node that does not exist")
            }
            feature.append(featureIds[i])
            threshold.append(values[i])
            mode.append(m)
            missingTracksTrue.append(i < missing.count && missing[i] == 1)
            trueChild.append(ref[t])
            falseChild.append(ref[f])
        }
        base = doubles("base_values")
        if base.isEmpty { base = [Double](repeating: 0, count: outputs) }
        guard base.count == outputs else {
            throw ExplainError(.badInput, "\(label) has \(base.count) base values for \(outputs) outputs")
        }
        switch aggregate {
        case "SUM": scale = 1
        case "AVERAGE": scale = 1 / Double(max(roots.count, 1))
        default: throw ExplainError(.badInput, "the tree method needs a SUM or AVERAGE ensemble, \(label) aggregates with \(aggregate)")
        }
        depth = try roots.map { try Self.depth(from: $0, trueChild: trueChild, falseChild: falseChild, limit: interior) }.max() ?? 0
    }

    private static func depth(from root: Int, trueChild: [Int], falseChild: [Int], limit: Int) throws -> Int {
        var best = 0
        var stack = [(root, 0)]
        while let (node, d) = stack.popLast() {
            guard node >= 0 else { best = max(best, d); continue }
            guard d <= limit else { throw ExplainError(.badInput, "a tree of the ensemble has a cycle") }
            stack.append((trueChild[node], d + 1))
            stack.append((falseChild[node], d + 1))
        }
        return best
    }

    /// Whether a row with `value` for the node's feature takes the node's true branch.
    @inline(__always)
    func goesTrue(_ node: Int, _ value: Double) -> Bool {
        if value.isNaN { return missingTracksTrue[node] }
        let t = threshold[node]
        switch mode[node] {
        case .leq: return value <= t
        case .lt: return value < t
        case .gte: return value >= t
        case .gt: return value > t
        case .eq: return value == t
        case .neq: return value != t
        }
    }

    /// The ensemble's output for one row.
    public func predict(_ row: [Double]) -> [Double] {
        var sums = [Double](repeating: 0, count: outputs)
        for root in roots {
            var node = root
            while node >= 0 { node = goesTrue(node, row[feature[node]]) ? trueChild[node] : falseChild[node] }
            let leaf = -node - 1
            for o in 0..<outputs { sums[o] += leafValues[leaf * outputs + o] }
        }
        return (0..<outputs).map { base[$0] + scale * sums[$0] }
    }
}
