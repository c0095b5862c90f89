import Foundation
import LastmileAPI
import LastmileStore
import Testing

@Suite struct PersistenceTests {
    @Test func everythingWrittenIsThereAfterReopening() throws {
        try withTemporaryDirectory { directory throws in
            // Given: a store with a user, a workspace, a model, a pipeline and a deployment
            let token: String
            let alice: User
            let workspace: Workspace
            let model: Model?
            let pipeline: Pipeline?
            do {
                let store = try Store(directory: directory)
                let reply = try store.createUser(name: "alice", admin: false)
                token = reply.token
                alice = reply.user
                _ = try store.createUser(name: "bob", admin: false)
                _ = try store.createWorkspace(name: "team", owner: "alice")
                workspace = try store.setMember(workspace: "team", user: "bob", role: .collaborator)
                _ = try store.addModelVersion(workspace: "team", model: "fraud", bytes: Data("model-1".utf8), inputs: featuresInput, outputs: scoreOutput)
                _ = try store.addModelVersion(workspace: "team", model: "fraud", bytes: Data("model-2".utf8), inputs: featuresInput, outputs: scoreOutput)
                _ = try store.createPipelineVersion(name: "scoring", workspace: "team", steps: [.model(ModelReference(name: "fraud"))], inputs: featuresInput, outputs: scoreOutput)
                try store.saveDeployment(Deployment(pipeline: "scoring", version: 1, state: .running, config: DeploymentConfig(replicas: 3), replicas: 3, updatedAt: Date()))
                model = try store.model(workspace: "team", name: "fraud")
                pipeline = try store.pipeline(named: "scoring")
            }
            // When
            let reopened = try Store(directory: directory)
            // Then
            #expect(try reopened.authenticate(token: token) == alice)
            #expect(try reopened.user(named: "alice") == alice)
            #expect(try reopened.workspace(named: "team") == workspace)
            #expect(try reopened.role(of: "bob", in: "team") == .collaborator)
            #expect(try reopened.model(workspace: "team", name: "fraud") == model)
            #expect(try reopened.pipeline(named: "scoring") == pipeline)
            #expect(pipeline?.deployment?.replicas == 3)
            let latest = try #require(model?.versions.last)
            #expect(try reopened.artifacts.read(sha256: latest.sha256) == Data("model-2".utf8))
            // And new versions keep counting from where they were
            let next = try reopened.createPipelineVersion(name: "scoring", workspace: "team", steps: [.model(ModelReference(name: "fraud"))], inputs: [], outputs: [])
            #expect(next.version == 2)
        }
    }

    @Test func dataDirectoryHasTheDocumentedLayout() throws {
        try withTemporaryDirectory { directory throws in
            // Given
            let data = directory.appending(path: "nested/data")
            // When
            let store = try Store(directory: data)
            let version = try store.artifacts.write(Data("abc".utf8))
            // Then
            #expect(FileManager.default.fileExists(atPath: data.appending(path: "lastmile.sqlite").path(percentEncoded: false)))
            #expect(FileManager.default.fileExists(atPath: data.appending(path: "artifacts/sha256/ba/\(version.sha256)").path(percentEncoded: false)))
        }
    }
}
