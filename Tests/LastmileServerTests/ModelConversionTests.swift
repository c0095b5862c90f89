import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileClient
import LastmileServer
import Testing

/// A conversion upload body: `artifact` in base64 and a 2x6 sample.
private func conversionBody(_ artifact: Data) throws -> Data {
    let sample = JSONValue.array([
        .array([1, 2, 3, 4, 5, 6].map { JSONValue.number($0) }),
        .array([0, 0, 0, 0, 0, 0].map { JSONValue.number($0) }),
    ])
    return try APICoding.encoder().encode(ConvertModelRequest(artifact: artifact.base64EncodedString(), sample: sample))
}

/// Polls the model until its newest version is no longer converting, and returns that version.
private func settledVersion(_ client: any TestClientProtocol, model: String) async throws -> ModelVersion {
    for _ in 0..<600 {
        let versions = try expectStatus(.ok, await client.call(.get, "/v1/workspaces/team/models/\(model)")).decode(Model.self).versions
        if let last = versions.last, last.status != .converting { return last }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw UnexpectedConversionState(message: "model \(model) was still converting after 60 s")
}

private struct UnexpectedConversionState: Error { var message: String }

@Test func conversionUploadsWithoutAConverterAre501WithInstructions() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))

        let reply = try await client.call(.post, "/v1/workspaces/team/models/m?framework=sklearn", body: try conversionBody(Data("pickle".utf8)))

        #expect(reply.status == .notImplemented)
        #expect(reply.errorMessage.contains("--converter-python"))
        let models = try expectStatus(.ok, await client.call(.get, "/v1/workspaces/team/models")).decode([Model].self)
        #expect(models.isEmpty)
    }
}

@Test func badConversionUploadsAre400NamingTheProblem() async throws {
    let server = try TestServer(converterPython: "/nonexistent/python3")
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        let unknown = try await client.call(.post, "/v1/workspaces/team/models/m?framework=caffe", body: try conversionBody(Data("x".utf8)))
        #expect(unknown.status == .badRequest && unknown.errorMessage.contains("sklearn, xgboost, lightgbm, keras, pytorch"))
        let notJSON = try await client.call(.post, "/v1/workspaces/team/models/m?framework=sklearn", body: Data("raw pickle bytes".utf8))
        #expect(notJSON.status == .badRequest && notJSON.errorMessage.contains("\"artifact\""))
        let noSample = try await client.call(.post, "/v1/workspaces/team/models/m?framework=sklearn", body: Data(#"{"artifact": "AAEC", "sample": []}"#.utf8))
        #expect(noSample.status == .badRequest && noSample.errorMessage.contains("\"sample\""))
        // A viewer may not upload (unpickling runs the uploader's code)
        let viewer = try expectStatus(.created, await client.call(.post, "/v1/users", json: CreateUserRequest(name: "vera"))).decode(CreateUserReply.self)
        try expectStatus(.ok, await client.call(.post, "/v1/workspaces/team/members", json: Member(user: "vera", role: .viewer)))
        let refused = try await client.call(.post, "/v1/workspaces/team/models/m?framework=sklearn", token: viewer.token, body: try conversionBody(Data("x".utf8)))
        #expect(refused.status == .forbidden)
    }
}

@Test func aConverterThatCannotStartFailsTheVersionWithItsReason() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-conversion-\(UUID().uuidString)")
    let server = try TestServer(directory: directory, converterPython: "/nonexistent/python3")
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/m", body: try fixtureModel("logreg_binary_nozipmap")))

        let accepted = try expectStatus(.accepted, await client.call(.post, "/v1/workspaces/team/models/m?framework=sklearn", body: try conversionBody(Data("x".utf8)))).decode(ModelVersion.self)

        #expect(accepted.status == .converting && accepted.sha256.isEmpty && accepted.inputs.isEmpty)
        let settled = try await settledVersion(client, model: "m")
        #expect(settled.id == accepted.id && settled.status == .failed)
        #expect(settled.statusMessage?.contains("could not start its converter") == true)
        // (the converter's path is for the server's log, not for every viewer of the workspace)
        #expect(settled.statusMessage?.contains("/nonexistent") == false)
        // A pipeline naming the model takes its newest ready version; naming the failed one is refused
        let pipeline = try expectStatus(.created, await client.call(.put, "/v1/pipelines/p", json: CreatePipelineRequest(workspace: "team", steps: [.model(ModelReference(name: "m"))]))).decode(PipelineVersion.self)
        #expect(pipeline.steps.first?.models.first?.version != accepted.id)
        let named = try await client.call(.put, "/v1/pipelines/p", json: CreatePipelineRequest(workspace: "team", steps: [.model(ModelReference(name: "m", version: accepted.id))]))
        #expect(named.status == .badRequest && named.errorMessage.contains("failed"))
    }
}

/// Converts a real scikit-learn model when `LASTMILE_TEST_CONVERTER_PYTHON` names a Python with
/// the lastmile package, scikit-learn and joblib (`make test-python`'s .venv-python has them).
@Test(.enabled(if: ProcessInfo.processInfo.environment["LASTMILE_TEST_CONVERTER_PYTHON"] != nil))
func aPickledScikitLearnModelIsConvertedAndServed() async throws {
    let python = try #require(ProcessInfo.processInfo.environment["LASTMILE_TEST_CONVERTER_PYTHON"])
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-pickle-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let script = """
    import joblib, json, numpy as np
    from sklearn.linear_model import LogisticRegression
    rng = np.random.default_rng(0); X = rng.normal(size=(200, 6)).astype(np.float32)
    model = LogisticRegression().fit(X, (X[:, 0] + X[:, 1] > 0).astype(int))
    joblib.dump(model, "model.joblib")
    json.dump(model.predict_proba(np.array([[1, 2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 0]], dtype=np.float32)).tolist(), open("expected.json", "w"))
    """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script]
    process.currentDirectoryURL = work
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let artifact = try Data(contentsOf: work.appendingPathComponent("model.joblib"))
    let expected = try JSONDecoder().decode([[Double]].self, from: Data(contentsOf: work.appendingPathComponent("expected.json")))

    let server = try TestServer(converterPython: python)
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        try expectStatus(.accepted, await client.call(.post, "/v1/workspaces/team/models/m?framework=sklearn", body: try conversionBody(artifact)))

        let version = try await settledVersion(client, model: "m")

        #expect(version.status == .ready, "\(version.statusMessage ?? "")")
        #expect(version.inputs == [TensorSpec(name: "X", datatype: "FP32", shape: [-1, 6])])
        try expectStatus(.created, await client.call(.put, "/v1/pipelines/p", json: CreatePipelineRequest(workspace: "team", steps: [.model(ModelReference(name: "m"))])))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/p/deploy", json: DeployRequest()))
        let records = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/p/infer", body: Data(#"[{"X": [1, 2, 3, 4, 5, 6]}, {"X": [0, 0, 0, 0, 0, 0]}]"#.utf8))).decode([InferenceRecord].self)
        for (record, probabilities) in zip(records, expected) {
            guard case .array(let served) = record.out["probabilities"] else { Issue.record("no probabilities in \(record.out)"); continue }
            for (value, reference) in zip(served, probabilities) {
                guard case .number(let number) = value else { continue }
                #expect(abs(number - reference) < 1e-5)
            }
        }
    }
}

@Test func theSwiftSDKUploadsNativeArtifactsAndWaitsForTheOutcome() async throws {
    // Given a live server whose converter cannot start, and one without a converter
    let server = try TestServer(converterPython: "/nonexistent/python3")
    defer { server.removeDirectory() }
    try await server.server.makeApplication().test(.live) { live in
        let port = try #require(live.port)
        let url = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let client = LastmileClient(url: url, token: TestServer.adminToken)
        _ = try await client.createWorkspace(name: "team")
        // When
        let started = try await client.uploadNativeModel(workspace: "team", name: "m", framework: .xgboost, artifact: Data("{}".utf8), sample: .array([.array([.number(1)])]))
        let settled = try await client.waitForConversion(workspace: "team", name: "m", id: started.id, interval: .milliseconds(20))
        // Then
        #expect(started.status == .converting)
        #expect(settled.status == .failed && settled.statusMessage?.contains("--converter-python") == true)
    }
    let plain = try TestServer()
    defer { plain.removeDirectory() }
    try await plain.server.makeApplication().test(.live) { live in
        let port = try #require(live.port)
        let url = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let client = LastmileClient(url: url, token: TestServer.adminToken)
        _ = try await client.createWorkspace(name: "team")
        let error = await #expect(throws: ClientError.self) {
            _ = try await client.uploadNativeModel(workspace: "team", name: "m", framework: .sklearn, artifact: Data("x".utf8), sample: .array([.array([.number(1)])]))
        }
        #expect(error?.status == 501 && error?.message.contains("--converter-python") == true)
    }
}

@Test func conversionsBeyondTheLimitAre503UntilOneEnds() async throws {
    // Given a converter that waits for a gate file, then fails
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-gate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let gate = work.appendingPathComponent("open")
    let script = work.appendingPathComponent("converter.sh")
    try Data("#!/bin/sh\nwhile [ ! -f '\(gate.path)' ]; do sleep 0.02; done\necho 'gate opened' >&2\nexit 1\n".utf8).write(to: script)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    let server = try TestServer(converterPython: script.path)
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        // When three conversions are uploaded while the first two run
        try expectStatus(.accepted, await client.call(.post, "/v1/workspaces/team/models/a?framework=sklearn", body: try conversionBody(Data("x".utf8))))
        try expectStatus(.accepted, await client.call(.post, "/v1/workspaces/team/models/b?framework=sklearn", body: try conversionBody(Data("x".utf8))))
        let third = try await client.call(.post, "/v1/workspaces/team/models/c?framework=sklearn", body: try conversionBody(Data("x".utf8)))
        // Then the third is refused without recording a version
        #expect(third.status == .serviceUnavailable && third.headers[.retryAfter] != nil)
        #expect(third.errorMessage.contains("2 model conversions are running"))
        #expect(try await client.call(.get, "/v1/workspaces/team/models/c").status == .notFound)
        // When the running ones end, uploads are accepted again
        try Data().write(to: gate)
        #expect(try await settledVersion(client, model: "a").statusMessage == "gate opened")
        #expect(try await settledVersion(client, model: "b").status == .failed)
        try expectStatus(.accepted, await client.call(.post, "/v1/workspaces/team/models/c?framework=sklearn", body: try conversionBody(Data("x".utf8))))
        #expect(try await settledVersion(client, model: "c").status == .failed)
    }
}

@Test func aConversionPastItsTimeLimitIsStoppedWithEverythingItStarted() async throws {
    // Given a converter that starts a child which would leave a mark after 2 s, then hangs
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-hang-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let mark = work.appendingPathComponent("child-survived")
    let script = work.appendingPathComponent("converter.sh")
    try Data("#!/bin/sh\n(sleep 2; touch '\(mark.path)') &\nsleep 60\n".utf8).write(to: script)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    let server = try TestServer(converterPython: script.path, conversionTimeoutSeconds: 1)
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        // An artifact with a data: prefix is refused at once rather than failing to unpickle later
        let prefixed = try APICoding.encoder().encode(ConvertModelRequest(artifact: "data:application/octet-stream;base64,AAAA", sample: .array([.array([.number(1)])])))
        let refused = try await client.call(.post, "/v1/workspaces/team/models/m?framework=sklearn", body: prefixed)
        #expect(refused.status == .badRequest && refused.errorMessage.contains("plain base64"))
        // When a conversion runs past its 1 s limit
        try expectStatus(.accepted, await client.call(.post, "/v1/workspaces/team/models/m?framework=sklearn", body: try conversionBody(Data("x".utf8))))
        let settled = try await settledVersion(client, model: "m")
        // Then the version fails saying so
        #expect(settled.status == .failed && settled.statusMessage?.contains("longer than 1 s") == true, "\(settled.statusMessage ?? "")")
        // And the child the converter started was stopped with it (it would have left its mark by now)
        try await Task.sleep(for: .seconds(2.5))
        #expect(!FileManager.default.fileExists(atPath: mark.path))
    }
}

@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/bwrap")))
func aSandboxedConverterCannotSeeTheDataDirectory() async throws {
    // Given a converter that reports what it can see of the server's data directory and where it can write
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-peek-\(UUID().uuidString)")
    let data = FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let script = work.appendingPathComponent("converter.sh")
    let peek = """
    #!/bin/sh
    echo "data: $(ls -A '\(data.path)' | grep -cv '^conversions$') files; scratch: $(touch ./x && echo writable); outside: $(touch '\(work.path)/y' 2>/dev/null && echo writable || echo read-only)" >&2
    exit 1

    """
    try Data(peek.utf8).write(to: script)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    let server = try TestServer(directory: data, converterPython: script.path)
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.path).count > 0)
        // When it runs as a conversion
        try expectStatus(.accepted, await client.call(.post, "/v1/workspaces/team/models/m?framework=sklearn", body: try conversionBody(Data("x".utf8))))
        let settled = try await settledVersion(client, model: "m")
        // Then it saw an empty data directory (but for its own scratch directory's mount point), could write only there
        #expect(settled.statusMessage == "data: 0 files; scratch: writable; outside: read-only", "\(settled.statusMessage ?? "")")
    }
}
