import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import LastmileTesting
import Testing

/// Two models with one signature (X: 6 floats -> label, probabilities), a pipeline of each
/// alone, and rows to send.
private func uploadRoutes(_ client: any TestClientProtocol) async throws {
    try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
    try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/logreg", body: try fixtureModel("logreg_binary_nozipmap")))
    try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/gb", body: try fixtureModel("gradient_boosting_classifier_nozipmap")))
    for model in ["logreg", "gb"] {
        try expectStatus(.created, await client.call(.put, "/v1/pipelines/only-\(model)", json: CreatePipelineRequest(workspace: "team", steps: [.model(ModelReference(name: model))])))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/only-\(model)/deploy"))
    }
}

private func createAndDeploy(_ client: any TestClientProtocol, _ name: String, _ step: PipelineStep) async throws {
    try expectStatus(.created, await client.call(.put, "/v1/pipelines/\(name)", json: CreatePipelineRequest(workspace: "team", steps: [step])))
    try expectStatus(.ok, await client.call(.post, "/v1/pipelines/\(name)/deploy"))
}

/// `count` distinct rows of six small whole numbers, as records JSON.
private func rows(_ count: Int, seed: UInt64) -> [[Int]] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in (0..<6).map { _ in Int.random(in: -4...4, using: &generator) } }
}

private func body(_ rows: [[Int]]) -> Data {
    Data(("[" + rows.map { "{\"X\": [\($0.map(String.init).joined(separator: ","))]}" }.joined(separator: ",") + "]").utf8)
}

/// One reply row as these tests read it.
private struct ReplyRow: Sendable, Equatable {
    /// The `_model_split` model name and version id, when present.
    var route: String?
    var version: String?
    /// The other outputs, as sorted-key JSON text.
    var outputs: String

    init(_ object: [String: Any]) {
        var out = object["out"] as? [String: Any] ?? [:]
        let split = out["_model_split"] as? [Any]
        route = split?.first as? String
        version = split?.last as? String
        out["_model_split"] = nil
        outputs = String(decoding: (try? JSONSerialization.data(withJSONObject: out, options: .sortedKeys)) ?? Data(), as: UTF8.self)
    }
}

/// The reply rows of `pipeline` for `rows`.
private func infer(_ client: any TestClientProtocol, _ pipeline: String, _ rows: [[Int]]) async throws -> [ReplyRow] {
    let reply = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/\(pipeline)/infer", body: body(rows)))
    return try #require(try reply.json() as? [[String: Any]]).map(ReplyRow.init)
}

/// The newest logged rows of `pipeline`, oldest first.
private func logged(_ client: any TestClientProtocol, _ pipeline: String, limit: Int) async throws -> [ReplyRow] {
    let reply = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/\(pipeline)/logs?limit=\(limit)"))
    return try #require(try reply.json() as? [[String: Any]]).map(ReplyRow.init)
}

@Test func randomSplitSharesFollowTheWeightsAndEachRowGetsItsRoutesAnswer() async throws {
    let server = try TestServer(logDurability: "sync")
    defer { server.removeDirectory() }
    try await server.test { client in
        // Given a 3:1 split between two models with one signature
        try await uploadRoutes(client)
        let split = RandomSplit(routes: [WeightedRoute(model: ModelReference(name: "logreg"), weight: 3), WeightedRoute(model: ModelReference(name: "gb"), weight: 1)])
        try await createAndDeploy(client, "split", .randomSplit(split))
        // When 4,000 rows are sent in requests of 1,000
        let sent = rows(4_000, seed: 1)
        var replies: [ReplyRow] = []
        for start in stride(from: 0, to: sent.count, by: 1_000) {
            replies += try await infer(client, "split", Array(sent[start..<start + 1_000]))
        }
        // Then logreg's share is 3/4 within 5 standard deviations of a binomial count
        // (sqrt(0.75 * 0.25 / 4000) = 0.0068, so 0.034), which a correct split fails about once in 3.5 million runs
        let routes = replies.map(\.route)
        #expect(routes.allSatisfy { $0 == "logreg" || $0 == "gb" })
        let logregRows = routes.count { $0 == "logreg" }
        let share = Double(logregRows) / Double(routes.count)
        #expect(abs(share - 0.75) < 0.034, "logreg took \(logregRows) of \(routes.count) rows")
        // And every row carries exactly what its route's model answers for it alone
        let alone = ["logreg": try await infer(client, "only-logreg", Array(sent.prefix(1_000))), "gb": try await infer(client, "only-gb", Array(sent.prefix(1_000)))]
        for (index, row) in replies.prefix(1_000).enumerated() {
            let expected = try #require(alone[row.route ?? ""]?[index])
            #expect(row.outputs == expected.outputs, "row \(index)")
        }
        // And the route's version id is reported, and kept in the log
        #expect(replies[0].version?.count == 36)
        #expect(try await logged(client, "split", limit: 5).map(\.route) == Array(routes.prefix(5)))
    }
}

@Test func hashKeyedSplitsAreStickyAndStillFollowTheWeights() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        // Given a 1:1 split keyed on the whole input row
        try await uploadRoutes(client)
        let split = RandomSplit(routes: [WeightedRoute(model: ModelReference(name: "logreg"), weight: 1), WeightedRoute(model: ModelReference(name: "gb"), weight: 1)], hashKey: "X")
        try await createAndDeploy(client, "sticky", .randomSplit(split))
        // When 2,000 rows are sent, then the first 500 again in reverse order, one request each way
        let sent = rows(2_000, seed: 2)
        let first = try await infer(client, "sticky", sent).map(\.route)
        let again = try await infer(client, "sticky", Array(sent.prefix(500).reversed())).map(\.route)
        // Then a row takes the same route every time
        #expect(Array(again.reversed()) == Array(first.prefix(500)))
        // And the distinct rows split near 1:1 (5 standard deviations of 0.011 for 2,000 rows; rows repeat
        // among the 9^6 possible ones rarely enough not to matter at this tolerance)
        let share = Double(first.count { $0 == "logreg" }) / Double(first.count)
        #expect(abs(share - 0.5) < 0.056, "logreg took \(share) of the rows")
    }
}

@Test func keySplitSendsMatchingRowsToTheirRouteAndTheRestToTheDefault() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        // Given rows whose X is [1,0,0,0,0,0] going to gb, everything else to logreg
        try await uploadRoutes(client)
        let split = KeySplit(key: "X", routes: ["1,0,0,0,0,0": ModelReference(name: "gb")], default: ModelReference(name: "logreg"))
        try await createAndDeploy(client, "keyed", .keySplit(split))
        // When
        let sent = [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], [2, 2, 2, 2, 2, 2]]
        let routes = try await infer(client, "keyed", sent).map(\.route)
        // Then
        #expect(routes == ["gb", "logreg", "gb", "logreg"])
    }
}

@Test func badSplitsAreRefusedNamingTheProblem() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await uploadRoutes(client)
        try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/forest", body: try fixtureModel("random_forest_classifier_nozipmap")))
        let cases: [(PipelineStep, String)] = [
            (.randomSplit(RandomSplit(routes: [WeightedRoute(model: ModelReference(name: "logreg"), weight: 1), WeightedRoute(model: ModelReference(name: "forest"), weight: 1)])), "must share one signature"),
            (.randomSplit(RandomSplit(routes: [WeightedRoute(model: ModelReference(name: "logreg"), weight: 0)])), "weight 0.0"),
            (.randomSplit(RandomSplit(routes: [])), "at least one route"),
            (.randomSplit(RandomSplit(routes: [WeightedRoute(model: ModelReference(name: "logreg"), weight: 1)], hashKey: "customer")), "hashKey \"customer\" is not an input"),
            (.keySplit(KeySplit(key: "X", routes: ["a": ModelReference(name: "nope")], default: ModelReference(name: "logreg"))), "model \"nope\""),
        ]
        for (step, message) in cases {
            let reply = try await client.call(.put, "/v1/pipelines/bad", json: CreatePipelineRequest(workspace: "team", steps: [step]))
            #expect((400..<500).contains(reply.status.code), "\(message): \(reply.status)")
            #expect(reply.errorMessage.contains(message), "\(reply.errorMessage)")
        }
    }
}
