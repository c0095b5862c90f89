import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileClient
import LastmileServer
import LastmileTensor
import LastmileTesting
import Testing

/// A case of `Tests/ExplainReferences/`: rows, background and brute-force Shapley values.
struct ShapleyReference: Decodable {
    var rows: [[Double]]
    var background: [[Double]]
    var shapley: [[[Double]]]
    var base: [Double]
    var predictions: [[Double]]

    static func load(_ name: String) throws -> ShapleyReference {
        let url = Fixture.committedRoot.deletingLastPathComponent().appendingPathComponent("ExplainReferences/\(name).json")
        return try JSONDecoder().decode(ShapleyReference.self, from: Data(contentsOf: url))
    }

    /// Records rows for an input named `input`.
    static func records(_ rows: [[Double]], input: String) -> [JSONValue] {
        rows.map { .object([input: .array($0.map { .number($0) })]) }
    }
}

func maxDifference(_ values: [[[Double]]], _ expected: [[[Double]]]) -> Double {
    var worst = 0.0
    for (a, b) in zip(values, expected) {
        for (c, d) in zip(a, b) {
            for (e, f) in zip(c, d) { worst = max(worst, abs(e - f)) }
        }
    }
    return values.count == expected.count ? worst : .infinity
}

func efficiencyGap(_ explanation: Explanation, predictions: [[Double]]) -> Double {
    var worst = 0.0
    for (r, row) in explanation.values.enumerated() {
        for o in explanation.baseValues.indices {
            let sum = row.reduce(explanation.baseValues[o]) { $0 + $1[o] }
            worst = max(worst, abs(sum - predictions[r][o]))
        }
    }
    return worst
}

@Test(arguments: [(ExplainMethod.auto, ExplainMethod.tree, nil as Int?), (.tree, .tree, nil), (.exact, .exact, nil), (.kernel, .kernel, 62)])
func explainMatchesBruteForceOnADeployedTreeEnsemble(_ asked: ExplainMethod, _ used: ExplainMethod, _ samples: Int?) async throws {
    // Given a deployed gradient-boosting regressor and brute-force values from onnxruntime
    let reference = try ShapleyReference.load("gradient_boosting_regressor")
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("gradient_boosting_regressor")
        // When its rows are explained against the background
        let request = ExplainRequest(
            rows: ShapleyReference.records(reference.rows, input: "X"),
            background: .rows(ShapleyReference.records(reference.background, input: "X")),
            method: asked, samples: samples)
        let explanation = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/explain", json: request)).decode(Explanation.self)
        // Then the method, names, values and base match, and efficiency holds
        #expect(explanation.method == used)
        #expect(explanation.features == (0..<6).map { "X[\($0)]" })
        #expect(explanation.outputs == ["variable"])
        #expect(maxDifference(explanation.values, reference.shapley) < 1e-4)
        #expect(abs(explanation.baseValues[0] - reference.base[0]) < 1e-4)
        #expect(efficiencyGap(explanation, predictions: reference.predictions) < 1e-4)
    }
}

@Test func explainUsesTheClosedFormForALinearModelAndExactForASoftmaxClassifier() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        // Given a linear regressor and a multiclass logistic regression
        try await client.deployFixture("linear_regression", model: "lin", pipeline: "lin")
        try await client.deployFixture("logreg_multiclass_nozipmap", model: "clf", pipeline: "clf")
        // When each is explained with the default method
        let linear = try ShapleyReference.load("linear_regression")
        let linearReply = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/lin/explain", json: ExplainRequest(
            rows: ShapleyReference.records(linear.rows, input: "X"), background: .rows(ShapleyReference.records(linear.background, input: "X")),
            featureNames: ["a", "b", "c", "d", "e"]))).decode(Explanation.self)
        let softmax = try ShapleyReference.load("logreg_multiclass_nozipmap")
        let softmaxReply = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/clf/explain", json: ExplainRequest(
            rows: ShapleyReference.records(softmax.rows, input: "X"), background: .rows(ShapleyReference.records(softmax.background, input: "X"))))).decode(Explanation.self)
        // Then the linear one is closed form, the classifier's probabilities are explained exactly
        #expect(linearReply.method == .linear)
        #expect(linearReply.features == ["a", "b", "c", "d", "e"])
        #expect(maxDifference(linearReply.values, linear.shapley) < 1e-3)
        #expect(efficiencyGap(linearReply, predictions: linear.predictions) < 1e-3)
        #expect(softmaxReply.method == .exact)
        #expect(softmaxReply.outputs == ["probabilities[0]", "probabilities[1]", "probabilities[2]"])
        #expect(maxDifference(softmaxReply.values, softmax.shapley) < 1e-5)
        #expect(efficiencyGap(softmaxReply, predictions: softmax.predictions) < 1e-5)
    }
}

@Test func explainTakesItsBackgroundFromTheInferenceLog() async throws {
    // Given 12 logged inferences
    let server = try TestServer(logDurability: "sync")
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("linear_regression")
        let reference = try ShapleyReference.load("linear_regression")
        let logged = reference.background + reference.rows + [reference.rows[0]]
        let body = try JSONEncoder().encode(ShapleyReference.records(logged, input: "X"))
        let served = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: body)).decode([InferenceRecord].self)
        let predictions = served.map { record -> Double in
            if case .number(let value)? = record.out["variable"] { return value }
            if case .array(let values)? = record.out["variable"], case .number(let value)? = values.first { return value }
            return .nan
        }
        // When a row is explained against a time range of the log that holds them all
        let request = ExplainRequest(rows: ShapleyReference.records([reference.rows[1]], input: "X"), background: .log(start: "0", end: nil, samples: 1000))
        let explanation = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/explain", json: request)).decode(Explanation.self)
        // Then the base value is the mean prediction over the logged rows
        #expect(abs(explanation.baseValues[0] - predictions.reduce(0, +) / Double(predictions.count)) < 1e-4)
        #expect(efficiencyGap(explanation, predictions: [[reference.predictions[1][0]]]) < 1e-3)
        // and a sample smaller than the log is taken without failing
        let sampled = ExplainRequest(rows: request.rows, background: .log(start: nil, end: nil, samples: 3), method: .exact)
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/explain", json: sampled))
        // while an empty time range is a 400
        let future = Int64(Date().timeIntervalSince1970 * 1000) + 3_600_000
        let empty = ExplainRequest(rows: request.rows, background: .log(start: String(future), end: nil, samples: 10))
        let reply = try await client.call(.post, "/v1/pipelines/pipe/explain", json: empty)
        #expect(reply.status == .badRequest)
        #expect(reply.errorMessage.contains("background is empty"))
    }
}

@Test func explainWithManyFeaturesUsesKernelAndRefusesExact() async throws {
    // Given a model of 20 features, y = x . w
    var builder = ModelBuilder()
    builder.input("X", .float32, [nil, 20])
    builder.output("Y", .float32, [nil, 1])
    let weights = (0..<20).map { Float($0 % 5) - 2 }
    builder.initializer("W", try Tensor(shape: [20, 1], elements: weights))
    builder.node("MatMul", inputs: ["X", "W"], outputs: ["Y"])
    let model = try builder.serialized()
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/wide", body: model))
        try expectStatus(.created, await client.call(.put, "/v1/pipelines/wide", json: CreatePipelineRequest(workspace: "team", steps: [.model(ModelReference(name: "wide"))])))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/wide/deploy"))
        let row: [Double] = (0..<20).map { Double($0) / 4 }
        let background: [[Double]] = [[Double](repeating: 0, count: 20), [Double](repeating: 1, count: 20)]
        func request(_ method: ExplainMethod) -> ExplainRequest {
            ExplainRequest(rows: ShapleyReference.records([row], input: "X"), background: .rows(ShapleyReference.records(background, input: "X")), method: method, samples: 200, seed: 1)
        }
        // When explained with kernel (a sampled budget: 200 of 2^20 coalitions)
        let kernel = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/wide/explain", json: request(.kernel))).decode(Explanation.self)
        // Then, the model being additive, the values are w_i * (x_i - 0.5)
        for i in 0..<20 { #expect(abs(kernel.values[0][i][0] - Double(weights[i]) * (row[i] - 0.5)) < 1e-4) }
        // and exact is refused with the reason
        let exact = try await client.call(.post, "/v1/pipelines/wide/explain", json: request(.exact))
        #expect(exact.status == .badRequest)
        #expect(exact.errorMessage.contains("at most 16 features"))
        // while auto finds the closed form
        #expect(try expectStatus(.ok, await client.call(.post, "/v1/pipelines/wide/explain", json: request(.auto))).decode(Explanation.self).method == .linear)
    }
}

@Test func badExplainRequestsAre400sNamingTheProblem() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_multiclass_nozipmap")
        let row = #"{"X": [1, 2, 3, 4, 5]}"#
        let cases: [(String, String)] = [
            (#"{"rows": [\#(row)], "background": [\#(row)], "output": "nope"}"#, "no output \"nope\""),
            (#"{"rows": [{"X": [1, 2]}], "background": [\#(row)]}"#, "rows:"),
            (#"{"rows": [\#(row)], "background": []}"#, "background is empty"),
            (#"{"rows": [], "background": [\#(row)]}"#, "no rows to explain"),
            (#"{"rows": [\#(row)], "background": [\#(row)], "method": "tree"}"#, "tree method"),
            (#"{"rows": [\#(row)], "background": [\#(row)], "method": "linear"}"#, "linear method"),
            (#"{"rows": [\#(row)], "background": [\#(row)], "method": "magic"}"#, "method"),
            (#"{"rows": [\#(row)], "background": [\#(row)], "feature_names": ["a"]}"#, "feature_names has 1 names"),
            (#"{"rows": [\#(row)], "background": [\#(row)], "method": "kernel", "samples": 2}"#, "more coalition samples"),
            (#"{"rows": [\#(row)], "background": {"samples": 0}}"#, "background.samples"),
        ]
        for (body, named) in cases {
            let reply = try await client.call(.post, "/v1/pipelines/pipe/explain", body: Data(body.utf8))
            #expect(reply.status == .badRequest, "\(body): \(reply.status)")
            #expect(reply.errorMessage.contains(named), "\(body): \(reply.errorMessage)")
        }
        // An undeployed pipeline is a 404
        #expect(try await client.call(.post, "/v1/pipelines/none/explain", body: Data(#"{"rows": [], "background": []}"#.utf8)).status == .notFound)
    }
}

@Test func theSDKExplainsAgainstALiveServer() async throws {
    // Given a live server with a deployed logistic regression
    let server = try TestServer()
    defer { server.removeDirectory() }
    await server.server.restoreDeployments()
    try await server.server.makeApplication().test(.live) { live in
        let port = try #require(live.port)
        let client = LastmileClient(url: try #require(URL(string: "http://127.0.0.1:\(port)")), token: TestServer.adminToken)
        _ = try await client.createWorkspace(name: "team")
        _ = try await client.uploadModel(workspace: "team", name: "logreg", onnx: try fixtureModel("logreg_binary_nozipmap"))
        _ = try await client.createPipeline(name: "fraud", workspace: "team", steps: [.model(ModelReference(name: "logreg"))])
        _ = try await client.deploy(pipeline: "fraud")
        let rows: [[Double]] = [[1, 2, 3, 4, 5, 6], [0, -1, 0, 1, 0, 2]]
        let background: [[Double]] = [[0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1], [-1, 2, 0, 1, -2, 0]]
        // When the SDK asks for an explanation of the probabilities and infers the same rows
        let explanation = try await client.explain(pipeline: "fraud", ExplainRequest(
            rows: ShapleyReference.records(rows, input: "X"), background: .rows(ShapleyReference.records(background, input: "X")), output: "probabilities"))
        let records = try await client.infer(pipeline: "fraud", rows: rows.map { ["X": .array($0.map { JSONValue.number($0) })] })
        // Then sum(values) + base is each served probability
        #expect(explanation.method == .exact)
        let predictions = records.map { record -> [Double] in
            guard case .array(let values)? = record.out["probabilities"] else { return [] }
            return values.compactMap { if case .number(let v) = $0 { return v } else { return nil } }
        }
        #expect(efficiencyGap(explanation, predictions: predictions) < 1e-5)
        // and a bad output name comes back as the server's 400
        await #expect { try await client.explain(pipeline: "fraud", ExplainRequest(rows: [], background: .rows([]), output: "x")) } throws: { error in
            "\(error)".contains("no output \"x\"")
        }
    }
}

private struct GlobalShapleyReference: Decodable {
    struct Curve: Decodable {
        var grid: [Double]
        var average: [[Double]]
    }
    var data: [[Double]]
    var mean_abs: [[Double]]
    var base: [Double]
    var curves: [Curve]
}

@Test func globalExplanationMatchesBruteForceMeanAbsoluteSHAPAndPartialDependence() async throws {
    // Given a deployed gradient-boosting regressor and 12 data rows, with brute-force references
    let url = Fixture.committedRoot.deletingLastPathComponent().appendingPathComponent("ExplainReferences/global_gradient_boosting_regressor.json")
    let reference = try JSONDecoder().decode(GlobalShapleyReference.self, from: Data(contentsOf: url))
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("gradient_boosting_regressor")
        // When every row is explained globally
        let request = GlobalExplainRequest(background: .rows(ShapleyReference.records(reference.data, input: "X")), rows: 100, seed: 5)
        let global = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/explain/global", json: request)).decode(GlobalExplanation.self)
        // Then mean |SHAP|, the base and the partial dependence curves match
        #expect(global.method == .tree)
        #expect(global.explainedRows.sorted() == Array(0..<12) && global.iceRows.count == 12)
        for (feature, expected) in reference.mean_abs.enumerated() {
            #expect(abs(global.meanAbs[feature][0] - expected[0]) < 1e-4)
        }
        #expect(abs(global.baseValues[0] - reference.base[0]) < 1e-4)
        #expect(global.partialDependence.map(\.feature) == (0..<6).map { "X[\($0)]" })
        for (curve, expected) in zip(global.partialDependence, reference.curves) {
            #expect(curve.grid.count == expected.grid.count)
            #expect(zip(curve.grid, expected.grid).allSatisfy { abs($0 - $1) < 1e-6 })
            #expect(zip(curve.average, expected.average).allSatisfy { abs($0[0] - $1[0]) < 1e-4 })
            // the ICE curves (here of every row) average to the partial dependence
            for k in curve.grid.indices {
                let mean = curve.ice.reduce(0) { $0 + $1[k][0] } / Double(curve.ice.count)
                #expect(abs(mean - curve.average[k][0]) < 1e-9)
            }
        }
        // and a bad row count is a 400
        let bad = try await client.call(.post, "/v1/pipelines/pipe/explain/global", json: GlobalExplainRequest(background: request.background, rows: 0))
        #expect(bad.status == .badRequest && bad.errorMessage.contains("rows must be at least 1"))
    }
}
