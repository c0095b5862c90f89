import LastmileTensor

/// ai.onnx.ml TreeEnsemble (ml opset 5): `[N, n_targets]` scores in the input's type.
///
/// Interior nodes and leaves are separate arrays (`nodes_*`, `leaf_*`); BRANCH_MEMBER nodes
/// test membership in their NaN-delimited set of `membership_values`. Follows onnxruntime
/// where it departs from the spec text: `post_transform` 1 is LOGISTIC and 2 is SOFTMAX, and a
/// tree whose root has equal true and false ids is the single leaf at the root's index.
struct TreeEnsembleKernel: Kernel {
    let model: TreeEnsembleModel
    let aggregate: TreeAggregate
    let transform: MLPostTransform

    init(_ ctx: NodeContext) throws {
        let targets = try ctx.int("n_targets", default: 0)
        guard targets > 0 else { throw OpError("attribute \"n_targets\" must be positive, got \(targets)") }
        switch try ctx.int("aggregate_function", default: 1) {
        case 0: aggregate = .average
        case 1: aggregate = .sum
        case 2: aggregate = .min
        case 3: aggregate = .max
        case let other: throw OpError("aggregate_function \(other) is not one of 0 (AVERAGE), 1 (SUM), 2 (MIN), 3 (MAX)")
        }
        switch try ctx.int("post_transform", default: 0) {
        case 0: transform = .none
        case 1: transform = .logistic
        case 2: transform = .softmax
        case 3: transform = .softmaxZero
        case 4: transform = .probit
        case let other: throw OpError("post_transform \(other) is not one of 0 to 4")
        }
        model = try TreeEnsembleModel(try Self.graph(ctx), targetCount: targets)
    }

    private static func tensorValues(_ ctx: NodeContext, _ name: String, required: Bool) throws -> ([Float], [Double]) {
        guard let tensor = try ctx.optionalTensor(name) else {
            if required { throw OpError("required attribute \"\(name)\" is missing") }
            return ([], [])
        }
        guard tensor.dtype.isFloatingPoint, let doubles = tensor.doubles else {
            throw OpError("attribute \"\(name)\" is a \(tensor.dtype) tensor, expected float, double or float16")
        }
        if case .float32(let floats) = tensor.storage { return (floats, doubles) }
        return (doubles.map { Float($0) }, doubles)
    }

    private static func graph(_ ctx: NodeContext) throws -> TreeGraph {
        let modeTensor = try ctx.tensor("nodes_modes")
        guard let modes = modeTensor.ints else {
            throw OpError("attribute \"nodes_modes\" is a \(modeTensor.dtype) tensor, expected uint8")
        }
        let features = try ctx.ints("nodes_featureids")
        let trueIds = try ctx.ints("nodes_truenodeids")
        let trueLeafs = try ctx.ints("nodes_trueleafs")
        let falseIds = try ctx.ints("nodes_falsenodeids")
        let falseLeafs = try ctx.ints("nodes_falseleafs")
        let missing = try ctx.ints("nodes_missing_value_tracks_true", default: [])
        let splits = try tensorValues(ctx, "nodes_splits", required: true)
        let members = try tensorValues(ctx, "membership_values", required: false)
        let roots = try ctx.ints("tree_roots")
        let leafTargets = try ctx.ints("leaf_targetids")
        let leafWeights = try tensorValues(ctx, "leaf_weights", required: true)
        let count = modes.count
        for (name, n) in [("nodes_featureids", features.count), ("nodes_truenodeids", trueIds.count),
                          ("nodes_trueleafs", trueLeafs.count), ("nodes_falsenodeids", falseIds.count),
                          ("nodes_falseleafs", falseLeafs.count), ("nodes_splits", splits.0.count)]
        where n != count {
            throw OpError("attribute \"\(name)\" has \(n) entries but \"nodes_modes\" has \(count)")
        }
        guard missing.isEmpty || missing.count == count else {
            throw OpError("attribute \"nodes_missing_value_tracks_true\" has \(missing.count) entries but \"nodes_modes\" has \(count)")
        }
        guard leafWeights.0.count == leafTargets.count else {
            throw OpError("attribute \"leaf_weights\" has \(leafWeights.0.count) entries but \"leaf_targetids\" has \(leafTargets.count)")
        }

        var graph = TreeGraph()
        var memberCursor = 0
        for i in 0..<count {
            guard let mode = TreeNodeMode(rawValue: UInt8(clamping: modes[i])), modes[i] >= 0 else {
                throw OpError("nodes_modes[\(i)] is \(modes[i]), not a mode between 0 and 6")
            }
            var set: ([Float], [Double]) = ([], [])
            if mode == .member {
                while memberCursor < members.1.count, !members.1[memberCursor].isNaN {
                    set.0.append(members.0[memberCursor])
                    set.1.append(members.1[memberCursor])
                    memberCursor += 1
                }
                memberCursor += 1
            }
            graph.addNode(mode: mode, feature: features[i], threshold: (splits.0[i], splits.1[i]),
                          missingTracksTrue: !missing.isEmpty && missing[i] == 1, members: set)
            graph.trueChildren[i] = trueLeafs[i] != 0 ? .leaf(trueIds[i]) : .node(trueIds[i])
            graph.falseChildren[i] = falseLeafs[i] != 0 ? .leaf(falseIds[i]) : .node(falseIds[i])
        }
        for root in roots {
            guard root >= 0, root < count else {
                throw OpError("tree root \(root) is not a node index (there are \(count) nodes)")
            }
            graph.roots.append(trueIds[root] == falseIds[root] ? .leaf(root) : .node(root))
        }
        graph.leaves = zip(leafTargets, zip(leafWeights.0, leafWeights.1)).map { target, weight in
            [TreeGraph.Weight(target: target, float: weight.0, double: weight.1)]
        }
        return graph
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let n = model.targetCount
        return try TreeInput.withRows(x, model: model, op: "TreeEnsemble") { rows, stride, input in
            switch input {
            case .double(let p):
                var out = [Double](repeating: 0, count: rows * n)
                out.withUnsafeMutableBufferPointer { o in
                    guard let op = o.baseAddress else { return }
                    model.regress(p, rows: rows, stride: stride, values: model.double, aggregate: aggregate,
                                  base: [], transform: transform, into: op)
                }
                return [.tensor(Tensor(unchecked: [rows, n], out))]
            case .float(let p):
                var out = [Float](repeating: 0, count: rows * n)
                out.withUnsafeMutableBufferPointer { o in
                    guard let op = o.baseAddress else { return }
                    model.regress(p, rows: rows, stride: stride, values: model.float, aggregate: aggregate,
                                  base: [], transform: transform, into: op)
                }
                let result = Tensor(unchecked: [rows, n], out)
                return [.tensor(x.dtype == .float16 ? try result.cast(to: .float16) : result)]
            }
        }
    }
}
