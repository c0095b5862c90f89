import Foundation
import LastmileAPI
import LastmileStore
import Testing

@Suite struct ModelTests {
    /// A store with user "alice" owning workspace "team".
    private func withTeam(_ body: (Store) throws -> Void) throws {
        try withStore { store throws in
            _ = try store.createUser(name: "alice", admin: false)
            _ = try store.createWorkspace(name: "team", owner: "alice")
            try body(store)
        }
    }

    @Test func versionsComeBackOldestFirstWithTheLatestLast() throws {
        try withTeam { store throws in
            // Given
            let first = try store.addModelVersion(workspace: "team", model: "fraud", bytes: Data("model-1".utf8), inputs: featuresInput, outputs: scoreOutput)
            let second = try store.addModelVersion(workspace: "team", model: "fraud", bytes: Data("model-2".utf8), inputs: featuresInput, outputs: scoreOutput)
            let third = try store.addModelVersion(workspace: "team", model: "fraud", bytes: Data("model-3".utf8), inputs: featuresInput, outputs: scoreOutput)
            // When
            let model = try store.model(workspace: "team", name: "fraud")
            // Then
            #expect(model?.versions.map(\.id) == [first.id, second.id, third.id])
            #expect(try store.latestModelVersion(workspace: "team", model: "fraud") == third)
            #expect(try store.modelVersion(id: second.id) == second)
            #expect(Set([first.id, second.id, third.id]).count == 3)
        }
    }

    @Test func versionRecordsItsArtifactAndSignature() throws {
        try withTeam { store throws in
            // Given
            let bytes = Data("abc".utf8)
            // When
            let version = try store.addModelVersion(workspace: "team", model: "fraud", bytes: bytes, inputs: featuresInput, outputs: scoreOutput)
            // Then
            #expect(version.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(version.size == 3)
            #expect(version.model == "fraud")
            #expect(version.workspace == "team")
            #expect(version.inputs == featuresInput)
            #expect(version.outputs == scoreOutput)
            #expect(version.id == version.id.lowercased())
            #expect(UUID(uuidString: version.id) != nil)
            #expect(try store.artifacts.read(sha256: version.sha256) == bytes)
        }
    }

    @Test func modelsOfAWorkspaceAreSortedByName() throws {
        try withTeam { store throws in
            // Given
            _ = try store.addModelVersion(workspace: "team", model: "zebra", bytes: Data("z".utf8), inputs: featuresInput, outputs: scoreOutput)
            _ = try store.addModelVersion(workspace: "team", model: "apple", bytes: Data("a".utf8), inputs: featuresInput, outputs: scoreOutput)
            // When
            let models = try store.models(in: "team")
            // Then
            #expect(models.map(\.name) == ["apple", "zebra"])
            #expect(models.map(\.versions.count) == [1, 1])
        }
    }

    @Test func unknownModelsAndVersionsAreNil() throws {
        try withTeam { store throws in
            #expect(try store.model(workspace: "team", name: "fraud") == nil)
            #expect(try store.model(workspace: "other", name: "fraud") == nil)
            #expect(try store.latestModelVersion(workspace: "team", model: "fraud") == nil)
            #expect(try store.modelVersion(id: UUID().uuidString.lowercased()) == nil)
        }
    }

    @Test func modelInUnknownWorkspaceIsNotFoundAndWritesNoArtifact() throws {
        try withTeam { store throws in
            // When
            let error = #expect(throws: StoreError.self) {
                try store.addModelVersion(workspace: "other", model: "fraud", bytes: Data("abc".utf8), inputs: [], outputs: [])
            }
            let listing = #expect(throws: StoreError.self) { try store.models(in: "other") }
            // Then
            #expect(error?.code == .notFound)
            #expect(listing?.code == .notFound)
            let file = store.artifacts.url(sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(!FileManager.default.fileExists(atPath: file.path(percentEncoded: false)))
        }
    }

    @Test func invalidModelNameIsRefused() throws {
        try withTeam { store throws in
            let error = #expect(throws: StoreError.self) {
                try store.addModelVersion(workspace: "team", model: "../fraud", bytes: Data("abc".utf8), inputs: [], outputs: [])
            }
            #expect(error?.code == .invalid)
            #expect(try store.models(in: "team").isEmpty)
        }
    }

    @Test func sameModelNameInTwoWorkspacesIsTwoModels() throws {
        try withTeam { store throws in
            // Given
            _ = try store.createWorkspace(name: "lab", owner: "alice")
            // When
            _ = try store.addModelVersion(workspace: "team", model: "fraud", bytes: Data("1".utf8), inputs: [], outputs: [])
            _ = try store.addModelVersion(workspace: "lab", model: "fraud", bytes: Data("2".utf8), inputs: [], outputs: [])
            // Then
            #expect(try store.model(workspace: "team", name: "fraud")?.versions.count == 1)
            #expect(try store.model(workspace: "lab", name: "fraud")?.versions.count == 1)
        }
    }

    @Test func concurrentUploadsEachBecomeOneVersion() async throws {
        try await withTemporaryDirectory { directory in
            // Given
            let store = try Store(directory: directory)
            _ = try store.createUser(name: "alice", admin: false)
            _ = try store.createWorkspace(name: "team", owner: "alice")
            // When
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<16 {
                    group.addTask {
                        try store.addModelVersion(workspace: "team", model: "fraud", bytes: Data("model-\(index)".utf8), inputs: featuresInput, outputs: scoreOutput).id
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            // Then
            let versions = try #require(try store.model(workspace: "team", name: "fraud")).versions
            #expect(Set(versions.map(\.id)) == ids)
            #expect(versions.count == 16)
            #expect(Set(versions.map(\.sha256)).count == 16)
        }
    }
}
