import Foundation
import LastmileAPI
import LastmileStore
import Testing

@Suite struct ModelConversionStoreTests {
    @Test func aConvertingVersionIsNeverTheLatestUntilItIsReady() throws {
        try withStore { store throws in
            // Given
            _ = try store.createUser(name: "alice", admin: false)
            _ = try store.createWorkspace(name: "team", owner: "alice")
            let uploaded = try store.addModelVersion(workspace: "team", model: "fraud", bytes: Data("onnx-1".utf8), inputs: featuresInput, outputs: scoreOutput)
            // When
            let converting = try store.addConvertingModelVersion(workspace: "team", model: "fraud")
            // Then
            #expect(converting.status == .converting && converting.sha256.isEmpty && converting.size == 0)
            #expect(try store.latestModelVersion(workspace: "team", model: "fraud")?.id == uploaded.id)
            // When the converter delivers
            let ready = try store.finishConversion(id: converting.id, bytes: Data("onnx-2".utf8), inputs: featuresInput, outputs: scoreOutput, message: "largest difference 1e-07")
            // Then
            #expect(ready.status == .ready && ready.inputs == featuresInput && ready.size == 6 && ready.statusMessage == "largest difference 1e-07")
            #expect(try store.latestModelVersion(workspace: "team", model: "fraud")?.id == converting.id)
            #expect(try store.artifacts.read(sha256: ready.sha256) == Data("onnx-2".utf8))
            // A finished conversion cannot be finished or failed again
            #expect(throws: StoreError.self) { try store.failConversion(id: converting.id, message: "late") }
        }
    }

    @Test func conversionsInterruptedByARestartAreMarkedFailed() throws {
        try withTemporaryDirectory { directory throws in
            // Given a version left converting when the store closed
            let id: String
            do {
                let store = try Store(directory: directory)
                _ = try store.createUser(name: "alice", admin: false)
                _ = try store.createWorkspace(name: "team", owner: "alice")
                id = try store.addConvertingModelVersion(workspace: "team", model: "fraud").id
            }
            // When it is reopened
            let store = try Store(directory: directory)
            let count = try store.failInterruptedConversions(message: "the server stopped during the conversion")
            // Then
            #expect(count == 1)
            let version = try #require(try store.modelVersion(id: id))
            #expect(version.status == .failed && version.statusMessage == "the server stopped during the conversion")
            #expect(try store.latestModelVersion(workspace: "team", model: "fraud") == nil)
        }
    }
}
