/// Interventional TreeSHAP (Lundberg et al., 2020, "From local explanations to global
/// understanding with explainable AI for trees", the independent/interventional algorithm).
///
/// For a row `x` and one background row `r`, each tree is walked along the paths `x` and `r`
/// can take when every feature comes from either of them: where both go the same way there is
/// one path; where they part on a feature not yet decided, both branches are followed, that
/// feature taken from `x` on one and from `r` on the other. A leaf reached with `p` features
/// from `x` and `q` from `r` adds `value * p-1! q! / (p+q)!` to each `x` feature and subtracts
/// `value * p! q-1! / (p+q)!` from each `r` feature: exactly the Shapley values of the game
/// `v(S) = f(x_S, r_not S)`. Averaging over the background gives the interventional values.
/// Costs `rows * background * (paths walked)`, with no model evaluation.
public struct TreeExplainer: Sendable {
    public var model: TreeModel

    public init(model: TreeModel) {
        self.model = model
    }

    public func explain(rows: FeatureMatrix, background: FeatureMatrix) throws -> ShapleyValues {
        try ExplainInput.check(rows: rows, background: background)
        let m = model.features, outputs = model.outputs
        guard rows.columns == m else {
            throw ExplainError(.badInput, "the tree ensemble takes \(m) features, the rows have \(rows.columns)")
        }
        // weight[p][q] = p! q! / (p + q + 1)!, for p, q up to the deepest path.
        let d = model.depth + 1
        var weight = [Double](repeating: 0, count: d * d)
        for p in 0..<d {
            for q in 0..<d where p + q < d + 1 {
                weight[p * d + q] = 1 / (Double(p + q + 1) * Combinatorics.binomial(p + q, p))
            }
        }
        var baseSums = [Double](repeating: 0, count: outputs)
        for b in 0..<background.rows {
            let prediction = model.predict(background.row(b))
            for o in 0..<outputs { baseSums[o] += prediction[o] }
        }
        let baseValues = baseSums.map { $0 / Double(background.rows) }
        var walker = Walker(model: model, weight: weight, stride: d)
        var values = [Double](repeating: 0, count: rows.rows * m * outputs)
        let perReference = model.scale / Double(background.rows)
        for r in 0..<rows.rows {
            walker.reset()
            walker.x = rows.row(r)
            for b in 0..<background.rows {
                walker.r = background.row(b)
                for root in model.roots { walker.walk(root) }
            }
            for i in 0..<m {
                for o in 0..<outputs { values[(r * m + i) * outputs + o] = walker.phi[i * outputs + o] * perReference }
            }
        }
        return ShapleyValues(rows: rows.rows, features: m, outputs: outputs, baseValues: baseValues, values: values)
    }

    /// The walk's state for one explained row: the features decided so far on the current path.
    struct Walker {
        let model: TreeModel
        let weight: [Double]
        let stride: Int
        var x: [Double] = []
        var r: [Double] = []
        /// 0: undecided, 1: taken from x, 2: taken from r.
        var side: [UInt8]
        var fromX: [Int] = []
        var fromR: [Int] = []
        var phi: [Double]

        init(model: TreeModel, weight: [Double], stride: Int) {
            self.model = model
            self.weight = weight
            self.stride = stride
            side = [UInt8](repeating: 0, count: model.features)
            phi = [Double](repeating: 0, count: model.features * model.outputs)
        }

        mutating func reset() {
            for i in phi.indices { phi[i] = 0 }
        }

        mutating func walk(_ node: Int) {
            if node < 0 {
                leaf(-node - 1)
                return
            }
            let f = model.feature[node]
            let xTrue = model.goesTrue(node, x[f])
            let rTrue = model.goesTrue(node, r[f])
            let xChild = xTrue ? model.trueChild[node] : model.falseChild[node]
            if xTrue == rTrue {
                walk(xChild)
                return
            }
            let rChild = rTrue ? model.trueChild[node] : model.falseChild[node]
            switch side[f] {
            case 1: walk(xChild)
            case 2: walk(rChild)
            default:
                side[f] = 1
                fromX.append(f)
                walk(xChild)
                fromX.removeLast()
                side[f] = 2
                fromR.append(f)
                walk(rChild)
                fromR.removeLast()
                side[f] = 0
            }
        }

        private mutating func leaf(_ leaf: Int) {
            let p = fromX.count, q = fromR.count
            guard p + q > 0 else { return }
            let outputs = model.outputs
            let base = leaf * outputs
            if p > 0 {
                let w = weight[(p - 1) * stride + q]
                for i in fromX {
                    for o in 0..<outputs { phi[i * outputs + o] += w * model.leafValues[base + o] }
                }
            }
            if q > 0 {
                let w = weight[p * stride + q - 1]
                for i in fromR {
                    for o in 0..<outputs { phi[i * outputs + o] -= w * model.leafValues[base + o] }
                }
            }
        }
    }
}
