import Foundation
import LastmileEngine
import LastmileObservability
import LastmileTensor
import LastmileTesting

/// A case of `Tests/ExplainReferences/` (written by `scripts/explain/make_references.py`):
/// rows, a background and Shapley values computed by brute force in Python.
struct ExplainReference: Decodable {
    struct MLP: Decodable {
        var w1: [[Double]]?
        var b1: [Double]?
        var w2: [[Double]]?
        var b2: [Double]?
        var w: [[Double]]?
        var b: [Double]?
    }

    var name: String
    var kind: String
    var fixture: String?
    var output: String?
    var unused: Int?
    var model: MLP?
    var rows: [[Double]]
    var background: [[Double]]
    /// `[row][feature][output]`.
    var shapley: [[[Double]]]
    var base: [Double]
    var predictions: [[Double]]
    var closedForm: [[[Double]]]?

    enum CodingKeys: String, CodingKey {
        case name, kind, fixture, output, unused, model, rows, background, shapley, base, predictions
        case closedForm = "closed_form"
    }

    static func load(_ name: String) throws -> ExplainReference {
        let url = Fixture.committedRoot.deletingLastPathComponent().appendingPathComponent("ExplainReferences/\(name).json")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(ExplainReference.self, from: Data(contentsOf: url))
    }

    var rowMatrix: FeatureMatrix { get throws { try FeatureMatrix(rows: rows) } }
    var backgroundMatrix: FeatureMatrix { get throws { try FeatureMatrix(rows: background) } }
    var outputs: Int { base.count }

    /// The closed-form model of an `mlp` or `linear` case, evaluated in Swift.
    var predictor: any Predictor {
        let model = self.model!
        if kind == "linear" {
            let w = model.w!, b = model.b!
            return ClosurePredictor { rows, count in
                let m = w[0].count
                var out: [Double] = []
                for r in 0..<count {
                    for o in 0..<w.count {
                        var sum = b[o]
                        for i in 0..<m { sum += w[o][i] * rows[r * m + i] }
                        out.append(sum)
                    }
                }
                return out
            }
        }
        let w1 = model.w1!, b1 = model.b1!, w2 = model.w2!, b2 = model.b2!
        return ClosurePredictor { rows, count in
            let m = w1[0].count
            var out: [Double] = []
            for r in 0..<count {
                let hidden = (0..<w1.count).map { h in
                    var sum = b1[h]
                    for i in 0..<m { sum += w1[h][i] * rows[r * m + i] }
                    return tanh(sum)
                }
                let z = (0..<w2.count).map { k in zip(w2[k], hidden).reduce(b2[k]) { $0 + $1.0 * $1.1 } }
                let top = z.max()!
                let e = z.map { exp($0 - top) }
                let total = e.reduce(0, +)
                out.append(contentsOf: e.map { $0 / total })
            }
            return out
        }
    }

    /// The fixture's ONNX model.
    func graph() throws -> Graph {
        try Model(contentsOf: Fixture.committedRoot.appendingPathComponent("\(fixture!)/model.onnx")).graph
    }

    /// The fixture's model run by the engine, reading output `output`.
    func enginePredictor() throws -> any Predictor {
        let model = try Model(contentsOf: Fixture.committedRoot.appendingPathComponent("\(fixture!)/model.onnx"))
        let session = try InferenceSession(model: model)
        let input = model.graph.requiredInputs[0]
        let isDouble: Bool
        if case .tensor(.float64?, _) = input.type { isDouble = true } else { isDouble = false }
        let output = self.output!
        let width = rows[0].count
        return ClosurePredictor { rows, count in
            let tensor = isDouble
                ? try Tensor(shape: [count, width], elements: rows)
                : try Tensor(shape: [count, width], elements: rows.map { Float($0) })
            guard case .tensor(let result)? = try session.run([input.name: tensor])[output], let values = result.doubles else {
                throw ExplainError(.predictorFailed, "no tensor output \(output)")
            }
            return values
        }
    }
}

/// The largest absolute difference between `values` and the reference's Shapley values.
func maxDifference(_ values: ShapleyValues, _ reference: [[[Double]]]) -> Double {
    var worst = 0.0
    for (r, row) in reference.enumerated() {
        for (i, feature) in row.enumerated() {
            for (o, expected) in feature.enumerated() {
                worst = max(worst, abs(values.value(row: r, feature: i, output: o) - expected))
            }
        }
    }
    return worst
}

/// The largest efficiency gap `|sum_i phi_i + base - prediction|` over rows and outputs.
func efficiencyGap(_ values: ShapleyValues, predictions: [[Double]]) -> Double {
    var worst = 0.0
    for r in 0..<values.rows {
        for o in 0..<values.outputs {
            var sum = values.baseValues[o]
            for i in 0..<values.features { sum += values.value(row: r, feature: i, output: o) }
            worst = max(worst, abs(sum - predictions[r][o]))
        }
    }
    return worst
}
