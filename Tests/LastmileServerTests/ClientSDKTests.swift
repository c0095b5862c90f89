import Foundation
import HummingbirdTesting
import LastmileAPI
import LastmileClient
import LastmileServer
import LastmileTesting
import Testing

@Test func theSwiftSDKDrivesTheWholeFlowAgainstALiveServer() async throws {
    // Given a live server on a free port and an SDK client with the admin token
    let server = try TestServer()
    defer { server.removeDirectory() }
    await server.server.restoreDeployments()
    try await server.server.makeApplication().test(.live) { live in
        let port = try #require(live.port)
        let url = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let admin = LastmileClient(url: url, token: TestServer.adminToken)

        // When a user uploads a model, builds a pipeline, deploys and infers through the SDK
        _ = try await admin.createWorkspace(name: "team")
        let created = try await admin.createUser(name: "alice")
        _ = try await admin.addMember(workspace: "team", user: "alice", role: .collaborator)
        let alice = LastmileClient(url: url, token: created.token)
        let progress = ProgressLog()
        let version = try await alice.uploadModel(workspace: "team", name: "logreg", onnx: try fixtureModel("logreg_binary_nozipmap")) { sent, total in
            progress.record(sent, total)
        }
        let pipeline = try await alice.createPipeline(name: "fraud", workspace: "team", steps: [.model(ModelReference(name: "logreg"))])
        let deployment = try await alice.deploy(pipeline: "fraud", config: DeploymentConfig(replicas: 2, batching: BatchingConfig(maxBatchSize: 16, maxDelayMicros: 500)))
        let records = try await alice.infer(pipeline: "fraud", rows: [
            ["X": .array([1, 2, 3, 4, 5, 6].map { JSONValue.number($0) })],
            ["X": .array([0, 0, 0, 0, 0, 0].map { JSONValue.number($0) })],
        ])
        let metadata = try await alice.modelMetadata(pipeline: "fraud")

        // Then every step reports what it did
        #expect(progress.last == version.size)
        #expect(version.inputs.first?.name == "X")
        #expect(pipeline.steps == [.model(ModelReference(name: "logreg", version: version.id))])
        #expect(deployment.state == .running && deployment.replicas == 2)
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.out["probabilities"] != nil && $0.metadata.modelVersions == [version.id] })
        #expect(metadata.name == "fraud")
        #expect(try await alice.pipelines().map(\.name) == ["fraud"])
        #expect(try await alice.deployment(pipeline: "fraud").state == .running)

        // and errors arrive as ClientError with the server's code and message
        await #expect {
            try await alice.createUser(name: "mallory")
        } throws: { error in
            (error as? ClientError)?.status == 403 && (error as? ClientError)?.code == "forbidden"
        }
        try await alice.undeploy(pipeline: "fraud")
        await #expect {
            try await alice.deployment(pipeline: "fraud")
        } throws: { error in
            (error as? ClientError)?.status == 404 && ((error as? ClientError)?.message.contains("not deployed") ?? false)
        }
    }
}

/// Collects upload progress reports from the client's callback.
private final class ProgressLog: Sendable {
    private let state = Mutex<Int>(0)

    func record(_ sent: Int, _ total: Int) {
        state.withLock { $0 = sent }
    }

    var last: Int { state.withLock { $0 } }
}

import Synchronization
