import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import Testing

@Test func validationsFlagRowsInRepliesAndMetrics() async throws {
    // Given the logistic regression with a validation on its positive-class probability
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/logreg", body: try fixtureModel("logreg_binary_nozipmap")))
        let steps: [PipelineStep] = [
            .model(ModelReference(name: "logreg")),
            .validations(["likely": "out.probabilities[1] > 0.5", "big_first": "in.X[0] >= 10"]),
        ]
        try expectStatus(.created, await client.call(.put, "/v1/pipelines/checked", json: CreatePipelineRequest(workspace: "team", steps: steps)))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/checked/deploy"))

        // When two rows are scored: onnxruntime gives row 0 label 1 and row 1 label 0
        let body = Data(#"[{"X": [1, 2, 3, 4, 5, 6]}, {"X": [10, 0, 0, 0, 0, 0]}]"#.utf8)
        let records = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/checked/infer", body: body)).decode([InferenceRecord].self)

        // Then each row's anomaly object names every validation with its verdict
        #expect(records.count == 2)
        #expect(records[0].out["label"] == .number(1))
        #expect(records[0].anomaly == ["count": .number(1), "likely": .bool(true), "big_first": .bool(false)])
        #expect(records[1].anomaly["big_first"] == .bool(true))
        #expect(records[1].anomaly["count"] == .number(records[1].out["label"] == .number(1) ? 2 : 1))
        let summary = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/checked/metrics?window=1m")).decode(PipelineMetricsSummary.self)
        #expect(summary.anomalies == 2 && summary.rows == 2)
    }
}

@Test func badValidationExpressionsAreRefusedAtCreationWithThePosition() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/logreg", body: try fixtureModel("logreg_binary_nozipmap")))
        for (rule, expected) in [("out.probabilities[1] >> 3", "position"), ("out.nope > 1", "nope"), ("out.probabilities[1] + 1", "boolean")] {
            let steps: [PipelineStep] = [.model(ModelReference(name: "logreg")), .validations(["rule": rule])]
            let reply = try await client.call(.put, "/v1/pipelines/bad", json: CreatePipelineRequest(workspace: "team", steps: steps))
            #expect(reply.status == .unprocessableContent, "\(rule)")
            #expect(reply.errorMessage.contains("validation \"rule\"") && reply.errorMessage.contains(expected), "\(reply.errorMessage)")
        }
        // Nothing was created by the refusals
        #expect(try await client.call(.get, "/v1/pipelines/bad").status == .notFound)
    }
}
