import Foundation
import LastmileAPI
import LastmileStore
import Testing

@Suite struct DeploymentTests {
    /// A store with pipeline "scoring" (two versions) in workspace "team".
    private func withPipeline(in directory: URL) throws -> Store {
        let store = try Store(directory: directory)
        _ = try store.createUser(name: "alice", admin: false)
        _ = try store.createWorkspace(name: "team", owner: "alice")
        _ = try store.addModelVersion(workspace: "team", model: "fraud", bytes: Data("model".utf8), inputs: featuresInput, outputs: scoreOutput)
        for _ in 1...2 {
            _ = try store.createPipelineVersion(name: "scoring", workspace: "team", steps: [.model(ModelReference(name: "fraud"))], inputs: featuresInput, outputs: scoreOutput)
        }
        return store
    }

    private let config = DeploymentConfig(replicas: 2, batching: BatchingConfig(maxBatchSize: 64, maxDelayMicros: 500), queueCapacity: 256)

    @Test func savedDeploymentIsReadBackAndShownOnItsPipeline() throws {
        try withTemporaryDirectory { directory throws in
            // Given
            let store = try withPipeline(in: directory)
            let deployment = Deployment(pipeline: "scoring", version: 1, state: .running, config: config, replicas: 2, updatedAt: Date(timeIntervalSince1970: 1_790_000_000.123))
            // When
            try store.saveDeployment(deployment)
            // Then
            #expect(try store.deployment(pipeline: "scoring") == deployment)
            #expect(try store.pipeline(named: "scoring")?.deployment == deployment)
            #expect(try store.deployments() == [deployment])
        }
    }

    @Test func savingAgainReplacesTheDeployment() throws {
        try withTemporaryDirectory { directory throws in
            // Given
            let store = try withPipeline(in: directory)
            try store.saveDeployment(Deployment(pipeline: "scoring", version: 1, state: .starting, config: config, replicas: 0, updatedAt: Date(timeIntervalSince1970: 1_790_000_000)))
            // When
            let failed = Deployment(pipeline: "scoring", version: 2, state: .failed, error: "model \"fraud\" could not load", config: DeploymentConfig(), replicas: 0, updatedAt: Date(timeIntervalSince1970: 1_790_000_001))
            try store.saveDeployment(failed)
            // Then
            #expect(try store.deployments() == [failed])
        }
    }

    @Test func deploymentOfUnknownPipelineOrVersionIsNotFound() throws {
        try withTemporaryDirectory { directory throws in
            // Given
            let store = try withPipeline(in: directory)
            // When
            let noPipeline = #expect(throws: StoreError.self) {
                try store.saveDeployment(Deployment(pipeline: "other", version: 1, state: .running, config: config, replicas: 1, updatedAt: Date()))
            }
            let noVersion = #expect(throws: StoreError.self) {
                try store.saveDeployment(Deployment(pipeline: "scoring", version: 3, state: .running, config: config, replicas: 1, updatedAt: Date()))
            }
            // Then
            #expect(noPipeline?.code == .notFound)
            #expect(noVersion?.code == .notFound)
            #expect(try store.deployments().isEmpty)
        }
    }

    @Test func removedDeploymentIsGoneAndRemovingAgainIsHarmless() throws {
        try withTemporaryDirectory { directory throws in
            // Given
            let store = try withPipeline(in: directory)
            try store.saveDeployment(Deployment(pipeline: "scoring", version: 2, state: .running, config: config, replicas: 2, updatedAt: Date(timeIntervalSince1970: 1_790_000_000)))
            // When
            try store.removeDeployment(pipeline: "scoring")
            try store.removeDeployment(pipeline: "scoring")
            // Then
            #expect(try store.deployment(pipeline: "scoring") == nil)
            #expect(try store.pipeline(named: "scoring")?.deployment == nil)
            #expect(try store.deployments().isEmpty)
            let error = #expect(throws: StoreError.self) { try store.removeDeployment(pipeline: "other") }
            #expect(error?.code == .notFound)
        }
    }

    @Test func deploymentsSurviveReopeningTheStore() throws {
        try withTemporaryDirectory { directory throws in
            // Given
            let kept = Deployment(pipeline: "scoring", version: 2, state: .running, config: config, replicas: 2, updatedAt: Date(timeIntervalSince1970: 1_790_000_000.5))
            do {
                let store = try withPipeline(in: directory)
                _ = try store.createPipelineVersion(name: "other", workspace: "team", steps: [.model(ModelReference(name: "fraud"))], inputs: [], outputs: [])
                try store.saveDeployment(kept)
                try store.saveDeployment(Deployment(pipeline: "other", version: 1, state: .running, config: config, replicas: 1, updatedAt: Date()))
                try store.removeDeployment(pipeline: "other")
            }
            // When
            let reopened = try Store(directory: directory)
            // Then
            #expect(try reopened.deployments() == [kept])
        }
    }
}
