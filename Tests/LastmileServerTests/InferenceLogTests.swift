import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import Testing

@Test func everyServedRowIsLoggedWithItsPredictionId() async throws {
    // Given a deployed pipeline with a validation, and a server whose log commits each reply
    let server = try TestServer(logDurability: "sync")
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/logreg", body: try fixtureModel("logreg_binary_nozipmap")))
        let steps: [PipelineStep] = [.model(ModelReference(name: "logreg")), .validations(["big": "in.X[0] >= 10"])]
        try expectStatus(.created, await client.call(.put, "/v1/pipelines/pipe", json: CreatePipelineRequest(workspace: "team", steps: steps)))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/deploy"))

        // When 3 records rows and 2 v2 rows are served, and one request fails
        let records = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: Data(#"[{"X": [1, 2, 3, 4, 5, 6]}, {"X": [10, 0, 0, 0, 0, 0]}, {"X": [0, 0, 0, 0, 0, 0]}]"#.utf8))).decode([InferenceRecord].self)
        try expectStatus(.ok, await client.call(.post, "/v2/models/pipe/infer", body: Data(#"{"inputs": [{"name": "X", "shape": [2, 6], "datatype": "FP32", "data": [11, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]}]}"#.utf8)))
        try expectStatus(.badRequest, await client.call(.post, "/v1/pipelines/pipe/infer", body: Data(#"[{"X": [1]}]"#.utf8)))

        // Then the log holds exactly the 5 served rows, oldest first, with the reply's ids
        let logged = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/logs")).decode([InferenceRecord].self)
        #expect(logged.count == 5)
        let ids = records.compactMap(\.metadata.predictionId)
        #expect(ids.count == 3 && Set(ids).count == 3)
        #expect(Array(logged.prefix(3)).compactMap(\.metadata.predictionId) == ids)
        #expect(logged[0].out == records[0].out)
        // newest first, anomalies only, limits, NDJSON and CSV
        let newest = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/logs?order=desc&limit=2")).decode([InferenceRecord].self)
        #expect(newest.count == 2 && newest[0].metadata.predictionId == logged[4].metadata.predictionId)
        let flagged = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/logs?anomaly=true")).decode([InferenceRecord].self)
        #expect(flagged.count == 2 && flagged.allSatisfy { $0.anomaly["big"] == .bool(true) })
        let ndjson = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/logs?format=ndjson"))
        #expect(String(decoding: ndjson.body, as: UTF8.self).split(separator: "\n").count == 5)
        let csv = String(decoding: try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/logs?format=csv")).body, as: UTF8.self)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.first?.hasPrefix("time,in.X,out.label,out.probabilities,anomaly.big,anomaly.count") == true)
        // the summary agrees
        let summary = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/metrics")).decode(PipelineMetricsSummary.self)
        #expect(summary.rows == 5 && summary.anomalies == 2 && summary.errors == 1)
        // and a time range after everything is empty
        let future = Int64(Date().timeIntervalSince1970 * 1000) + 60_000
        #expect(try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/logs?start=\(future)")).decode([InferenceRecord].self).isEmpty)
    }
}

@Test func badLogQueriesAre400NamingTheParameter() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        for (query, named) in [("limit=-1", "limit"), ("limit=abc", "limit"), ("order=sideways", "order"), ("format=xml", "format"), ("start=yesterday", "start"), ("start=2000&end=1000", "start is after end"), ("anomaly=maybe", "anomaly")] {
            let reply = try await client.call(.get, "/v1/pipelines/pipe/logs?\(query)")
            #expect(reply.status == .badRequest, "\(query)")
            #expect(reply.errorMessage.contains(named), "\(reply.errorMessage)")
        }
        let capped = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/logs?limit=20000"))
        #expect(capped.headers[HTTPField.Name("Lastmile-Limit-Capped")!] != nil)
    }
}
