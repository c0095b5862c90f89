import LastmileTensor

/// Decodes the attributes shared by TreeEnsembleRegressor and TreeEnsembleClassifier
/// (ml opsets 1 and 3) into a `TreeGraph`, with onnxruntime's rules: nodes are keyed by
/// (tree id, node id), a tree's root is the first node of each run of equal tree ids, leaf
/// weights are ordered by (tree id, node id), weights on interior nodes are ignored, and a leaf
/// without weights is an error.
enum TreeEnsembleAttributes {
    /// Float and double views of an attribute given either as FLOATS or as a `*_as_tensor`
    /// tensor (float or double).
    static func values(_ ctx: NodeContext, _ name: String) throws -> (floats: [Float], doubles: [Double])? {
        if let tensor = try ctx.optionalTensor("\(name)_as_tensor") {
            guard tensor.dtype.isFloatingPoint, let doubles = tensor.doubles else {
                throw OpError("attribute \"\(name)_as_tensor\" is a \(tensor.dtype) tensor, expected float or double")
            }
            if ctx.has(name), try !ctx.floats(name).isEmpty {
                throw OpError("attributes \"\(name)\" and \"\(name)_as_tensor\" cannot both be given")
            }
            if case .float32(let floats) = tensor.storage { return (floats, doubles) }
            return (doubles.map { Float($0) }, doubles)
        }
        guard let floats = try ctx.optionalFloats(name) else { return nil }
        return (floats, floats.map { Double($0) })
    }

    /// Builds the graph; `weightPrefix` is `target` (regressor) or `class` (classifier).
    static func graph(_ ctx: NodeContext, weightPrefix: String) throws -> TreeGraph {
        let treeIds = try ctx.ints("nodes_treeids", default: [])
        let nodeIds = try ctx.ints("nodes_nodeids", default: [])
        let featureIds = try ctx.ints("nodes_featureids", default: [])
        let modeNames = try ctx.strings("nodes_modes", default: [])
        let trueIds = try ctx.ints("nodes_truenodeids", default: [])
        let falseIds = try ctx.ints("nodes_falsenodeids", default: [])
        let missing = try ctx.ints("nodes_missing_value_tracks_true", default: [])
        let thresholds = try values(ctx, "nodes_values") ?? ([], [])
        let count = treeIds.count
        for (name, n) in [("nodes_nodeids", nodeIds.count), ("nodes_featureids", featureIds.count),
                          ("nodes_modes", modeNames.count), ("nodes_truenodeids", trueIds.count),
                          ("nodes_falsenodeids", falseIds.count), ("nodes_values", thresholds.floats.count)]
        where n != count {
            throw OpError("attribute \"\(name)\" has \(n) entries but \"nodes_treeids\" has \(count)")
        }
        guard count > 0 else { throw OpError("the ensemble has no nodes (\"nodes_treeids\" is empty)") }

        struct Key: Hashable { var tree: Int; var node: Int }
        var index: [Key: Int] = [:]
        index.reserveCapacity(count)
        let modes = try modeNames.map { try TreeNodeMode.parse($0) }
        for i in 0..<count {
            let key = Key(tree: treeIds[i], node: nodeIds[i])
            guard index.updateValue(i, forKey: key) == nil else {
                throw OpError("node \(nodeIds[i]) of tree \(treeIds[i]) is defined twice")
            }
        }

        // Interior nodes and leaves get their own numbering.
        var graph = TreeGraph()
        var ref = [TreeGraph.Ref](repeating: .leaf(0), count: count)
        var leafNode: [Int] = []
        for i in 0..<count {
            if let mode = modes[i] {
                ref[i] = .node(graph.modes.count)
                graph.addNode(
                    mode: mode, feature: featureIds[i],
                    threshold: (thresholds.floats[i], thresholds.doubles[i]),
                    missingTracksTrue: i < missing.count && missing[i] == 1)
            } else {
                ref[i] = .leaf(leafNode.count)
                leafNode.append(i)
            }
        }
        for i in 0..<count {
            guard case .node(let n) = ref[i] else { continue }
            for (isTrue, child) in [(true, trueIds[i]), (false, falseIds[i])] {
                guard let c = index[Key(tree: treeIds[i], node: child)] else {
                    throw OpError("node \(nodeIds[i]) of tree \(treeIds[i]) points to node \(child), which does not exist")
                }
                guard c != i else {
                    throw OpError("node \(nodeIds[i]) of tree \(treeIds[i]) points to itself")
                }
                if isTrue { graph.trueChildren[n] = ref[c] } else { graph.falseChildren[n] = ref[c] }
            }
        }
        for i in 0..<count where i == 0 || treeIds[i] != treeIds[i - 1] {
            graph.roots.append(ref[i])
        }

        // Leaf weights.
        let weightTrees = try ctx.ints("\(weightPrefix)_treeids", default: [])
        let weightNodes = try ctx.ints("\(weightPrefix)_nodeids", default: [])
        let weightIds = try ctx.ints("\(weightPrefix)_ids", default: [])
        let weights = try values(ctx, "\(weightPrefix)_weights") ?? ([], [])
        let weightCount = weightIds.count
        for (name, n) in [("\(weightPrefix)_treeids", weightTrees.count), ("\(weightPrefix)_nodeids", weightNodes.count),
                          ("\(weightPrefix)_weights", weights.floats.count)]
        where n != weightCount {
            throw OpError("attribute \"\(name)\" has \(n) entries but \"\(weightPrefix)_ids\" has \(weightCount)")
        }
        let order = (0..<weightCount).sorted {
            (weightTrees[$0], weightNodes[$0], $0) < (weightTrees[$1], weightNodes[$1], $1)
        }
        graph.leaves = Array(repeating: [], count: leafNode.count)
        for k in order {
            guard let i = index[Key(tree: weightTrees[k], node: weightNodes[k])] else {
                throw OpError("a weight refers to node \(weightNodes[k]) of tree \(weightTrees[k]), which does not exist")
            }
            guard case .leaf(let l) = ref[i] else { continue }
            graph.leaves[l].append(.init(target: weightIds[k], float: weights.floats[k], double: weights.doubles[k]))
        }
        for (l, i) in leafNode.enumerated() where graph.leaves[l].isEmpty {
            throw OpError("leaf \(nodeIds[i]) of tree \(treeIds[i]) has no weight")
        }
        return graph
    }

    /// `base_values` (or `base_values_as_tensor`) in float and double.
    static func baseValues(_ ctx: NodeContext) throws -> (floats: [Float], doubles: [Double]) {
        try values(ctx, "base_values") ?? ([], [])
    }
}
