import Foundation
import LastmileAPI
import LastmileStore
import Testing

@Suite struct PipelineTests {
    /// A store with "alice" owning "team" (model "fraud", two versions) and "bob" owning "lab".
    private func withModels(_ body: (Store, [ModelVersion]) throws -> Void) throws {
        try withStore { store throws in
            _ = try store.createUser(name: "alice", admin: false)
            _ = try store.createUser(name: "bob", admin: false)
            _ = try store.createWorkspace(name: "team", owner: "alice")
            _ = try store.createWorkspace(name: "lab", owner: "bob")
            let versions = try (1...2).map { index in
                try store.addModelVersion(workspace: "team", model: "fraud", bytes: Data("model-\(index)".utf8), inputs: featuresInput, outputs: scoreOutput)
            }
            try body(store, versions)
        }
    }

    @Test func pipelineVersionsCountUpFromOne() throws {
        try withModels { store, models throws in
            // Given
            let steps = [PipelineStep.model(ModelReference(name: "fraud", version: models[0].id))]
            // When
            let first = try store.createPipelineVersion(name: "scoring", workspace: "team", steps: steps, inputs: featuresInput, outputs: scoreOutput)
            let second = try store.createPipelineVersion(name: "scoring", workspace: "team", steps: steps, inputs: featuresInput, outputs: scoreOutput)
            // Then
            #expect(first.version == 1)
            #expect(second.version == 2)
            #expect(try store.pipelineVersions(of: "scoring") == [first, second])
            #expect(try store.pipelineVersion(pipeline: "scoring", version: 1) == first)
            #expect(try store.pipelineVersion(pipeline: "scoring", version: 3) == nil)
            let pipeline = try store.pipeline(named: "scoring")
            #expect(pipeline?.latestVersion == second)
            #expect(pipeline?.workspace == "team")
            #expect(pipeline?.deployment == nil)
        }
    }

    @Test func versionStoresStepsAndSignature() throws {
        try withModels { store, models throws in
            // Given
            let steps = [PipelineStep.model(ModelReference(name: "fraud", version: models[0].id))]
            // When
            let created = try store.createPipelineVersion(name: "scoring", workspace: "team", steps: steps, inputs: featuresInput, outputs: scoreOutput)
            let stored = try store.pipelineVersion(pipeline: "scoring", version: 1)
            // Then
            #expect(stored == created)
            #expect(stored?.steps == steps)
            #expect(stored?.inputs == featuresInput)
            #expect(stored?.outputs == scoreOutput)
        }
    }

    @Test func stepWithoutVersionIsPinnedToTheLatest() throws {
        try withModels { store, models throws in
            // When
            let version = try store.createPipelineVersion(name: "scoring", workspace: "team", steps: [.model(ModelReference(name: "fraud"))], inputs: featuresInput, outputs: scoreOutput)
            // Then
            #expect(version.steps == [.model(ModelReference(name: "fraud", version: models[1].id))])
        }
    }

    @Test func stepNamingAMissingModelOrVersionIsInvalid() throws {
        try withModels { store, _ throws in
            // When
            let noModel = #expect(throws: StoreError.self) {
                try store.createPipelineVersion(name: "scoring", workspace: "team", steps: [.model(ModelReference(name: "churn"))], inputs: [], outputs: [])
            }
            let noVersion = #expect(throws: StoreError.self) {
                try store.createPipelineVersion(name: "scoring", workspace: "team", steps: [.model(ModelReference(name: "fraud", version: UUID().uuidString.lowercased()))], inputs: [], outputs: [])
            }
            let otherWorkspace = #expect(throws: StoreError.self) {
                try store.createPipelineVersion(name: "scoring", workspace: "lab", steps: [.model(ModelReference(name: "fraud"))], inputs: [], outputs: [])
            }
            let noSteps = #expect(throws: StoreError.self) {
                try store.createPipelineVersion(name: "scoring", workspace: "team", steps: [], inputs: [], outputs: [])
            }
            // Then
            #expect(noModel?.code == .invalid)
            #expect(noVersion?.code == .invalid)
            #expect(otherWorkspace?.code == .invalid)
            #expect(noSteps?.code == .invalid)
            #expect(try store.pipeline(named: "scoring") == nil)
        }
    }

    @Test func pipelineNameFromAnotherWorkspaceConflicts() throws {
        try withModels { store, _ throws in
            // Given
            _ = try store.addModelVersion(workspace: "lab", model: "fraud", bytes: Data("lab".utf8), inputs: featuresInput, outputs: scoreOutput)
            _ = try store.createPipelineVersion(name: "scoring", workspace: "team", steps: [.model(ModelReference(name: "fraud"))], inputs: [], outputs: [])
            // When
            let error = #expect(throws: StoreError.self) {
                try store.createPipelineVersion(name: "scoring", workspace: "lab", steps: [.model(ModelReference(name: "fraud"))], inputs: [], outputs: [])
            }
            // Then
            #expect(error?.code == .conflict)
            #expect(error?.message.contains("\"team\"") == true)
            #expect(try store.pipelineVersions(of: "scoring").count == 1)
        }
    }

    @Test func invalidPipelineNameAndUnknownWorkspaceAreRefused() throws {
        try withModels { store, _ throws in
            let badName = #expect(throws: StoreError.self) {
                try store.createPipelineVersion(name: "Scoring", workspace: "team", steps: [.model(ModelReference(name: "fraud"))], inputs: [], outputs: [])
            }
            let noWorkspace = #expect(throws: StoreError.self) {
                try store.createPipelineVersion(name: "scoring", workspace: "nowhere", steps: [.model(ModelReference(name: "fraud"))], inputs: [], outputs: [])
            }
            #expect(badName?.code == .invalid)
            #expect(noWorkspace?.code == .notFound)
        }
    }

    @Test func pipelinesAreVisibleToMembersOfTheirWorkspaceAndToAdmins() throws {
        try withModels { store, _ throws in
            // Given
            let admin = try store.createUser(name: "admin", admin: true, token: "admin-token")
            _ = try store.addModelVersion(workspace: "lab", model: "fraud", bytes: Data("lab".utf8), inputs: [], outputs: [])
            _ = try store.createPipelineVersion(name: "scoring", workspace: "team", steps: [.model(ModelReference(name: "fraud"))], inputs: [], outputs: [])
            _ = try store.createPipelineVersion(name: "experiment", workspace: "lab", steps: [.model(ModelReference(name: "fraud"))], inputs: [], outputs: [])
            let alice = try #require(try store.user(named: "alice"))
            let bob = try #require(try store.user(named: "bob"))
            // When / Then
            #expect(try store.pipelines(visibleTo: alice).map(\.name) == ["scoring"])
            #expect(try store.pipelines(visibleTo: bob).map(\.name) == ["experiment"])
            #expect(try store.pipelines(visibleTo: admin).map(\.name) == ["experiment", "scoring"])
            _ = try store.setMember(workspace: "lab", user: "alice", role: .viewer)
            #expect(try store.pipelines(visibleTo: alice).map(\.name) == ["experiment", "scoring"])
        }
    }
}
