import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import Synchronization
import Testing

@Test func hotSwapsUnderLoadFailNoRequest() async throws {
    // Given pipeline "pipe" with two versions (the second adds a validation), version 1 running
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        let steps: [PipelineStep] = [.model(ModelReference(name: "model")), .validations(["big": "in.X[0] >= 10"])]
        try expectStatus(.created, await client.call(.put, "/v1/pipelines/pipe", json: CreatePipelineRequest(workspace: "team", steps: steps)))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/deploy", json: DeployRequest(version: 1)))

        // When 8 clients send records and v2 requests without pause while the deployment is
        // switched between the versions 20 times
        let swapping = Flag()
        // (records bodies of 500 rows take long enough to decode between finding the running
        // deployment and queueing on it that swaps land in that gap)
        let rows = (0..<500).map { #"{"X": [\#($0 % 13), 2, 3, 4, 5, 6]}"# }
        let body = Data(("[" + rows.joined(separator: ",") + "]").utf8)
        let v2Body = Data(#"{"inputs": [{"name": "X", "shape": [1, 6], "datatype": "FP32", "data": [1, 1, 1, 1, 1, 1]}]}"#.utf8)
        let outcomes = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var seen: [String] = []
                    while swapping.isSet {
                        if worker % 2 == 0 {
                            let reply = try await client.call(.post, "/v1/pipelines/pipe/infer", body: body)
                            guard reply.status == .ok else { seen.append("failed \(reply.status.code): \(reply.errorMessage)"); continue }
                            // (the version of the first row is enough; decoding 500 records would slow the load)
                            let text = String(decoding: reply.body.prefix(400), as: UTF8.self)
                            let version = text.firstRange(of: "\"pipeline_version\":").map { text[$0.upperBound...].prefix(1) }
                            seen.append(version.map { "v\($0)" } ?? "failed: no pipeline_version in \(text)")
                        } else {
                            let reply = try await client.call(.post, "/v2/models/pipe/infer", body: v2Body)
                            guard reply.status == .ok else { seen.append("failed \(reply.status.code): \(reply.errorMessage)"); continue }
                            let version = (try reply.json() as? [String: Any])?["model_version"] as? String
                            seen.append("v\(version ?? "?")")
                        }
                    }
                    return seen
                }
            }
            group.addTask {
                for swap in 0..<20 {
                    let version = swap % 2 == 0 ? 2 : 1
                    let deployment = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/deploy", json: DeployRequest(version: version))).decode(Deployment.self)
                    guard deployment.version == version, deployment.state == .running else { return ["failed swap \(swap): \(deployment)"] }
                    try await Task.sleep(for: .milliseconds(20))
                }
                swapping.clear()
                return []
            }
            var all: [String] = []
            for try await outcome in group { all += outcome }
            return all
        }

        // Then every request succeeded, and both versions answered
        let failures = outcomes.filter { $0.hasPrefix("failed") }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(Set(outcomes) == ["v1", "v2"])
        #expect(outcomes.count >= 40)
        // And the last deployed version (1, after an even number of swaps) is recorded as running
        let deployment = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/deployment")).decode(Deployment.self)
        #expect(deployment.version == 1 && deployment.state == .running)
    }
}

@Test func aRefusedDeployLeavesTheRunningVersionServing() async throws {
    // Given version 1 running
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        let body = Data(#"[{"X": [1, 2, 3, 4, 5, 6]}]"#.utf8)
        // When deploying a version that does not exist
        let missing = try await client.call(.post, "/v1/pipelines/pipe/deploy", json: DeployRequest(version: 9))
        // Then it is refused and version 1 still serves and is still recorded as running
        #expect(missing.status == .notFound)
        let records = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: body)).decode([InferenceRecord].self)
        #expect(records.first?.metadata.pipelineVersion == 1)
        let deployment = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/deployment")).decode(Deployment.self)
        #expect(deployment.version == 1 && deployment.state == .running)
    }
}

/// A flag shared between tasks.
private final class Flag: Sendable {
    private let value = Atomic<Bool>(true)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func clear() { value.store(false, ordering: .relaxed) }
}
