import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import LastmileTesting
import Testing

@Test func malformedAndUnsupportedModelsAreRefusedWithReasons() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        // Not ONNX at all
        let garbage = try await client.call(.post, "/v1/workspaces/team/models/m", body: Data("definitely not onnx".utf8))
        #expect(garbage.status == .badRequest)
        #expect(garbage.errorMessage.contains("ONNX"))
        // Empty body
        #expect(try await client.call(.post, "/v1/workspaces/team/models/m", body: Data()).status == .badRequest)
        // Bad model name
        let badName = try await client.call(.post, "/v1/workspaces/team/models/Bad_Name", body: try fixtureModel("binarizer"))
        #expect(badName.status == .badRequest)
        #expect(badName.errorMessage.contains("model names use lowercase"))
        // Unknown workspace
        #expect(try await client.call(.post, "/v1/workspaces/nope/models/m", body: try fixtureModel("binarizer")).status == .notFound)
        // Valid ONNX with ops the engine lacks: 422 listing every one
        var builder = ModelBuilder(opsets: ["": 17, "com.example": 1])
        builder.input("x", .float32, [nil, 2])
        builder.output("z", .float32, [nil, 2])
        builder.node("Teleport", domain: "com.example", inputs: ["x"], outputs: ["y"])
        builder.node("Frobnicate", domain: "com.example", inputs: ["y"], outputs: ["z"])
        let unsupported = try await client.call(.post, "/v1/workspaces/team/models/m", body: try builder.serialized())
        #expect(unsupported.status == .unprocessableContent)
        let details = try #require(try unsupported.decode(ErrorReply.self).error.details)
        #expect(details.contains { $0.contains("Teleport") } && details.contains { $0.contains("Frobnicate") })
        // Nothing was stored by the refusals
        let models = try expectStatus(.ok, await client.call(.get, "/v1/workspaces/team/models")).decode([Model].self)
        #expect(models.isEmpty)
    }
}

@Test func requestsThatDoNotFitThePipelineAre400NamingTheInput() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        let cases: [(String, String, String)] = [
            ("/v1/pipelines/pipe/infer", #"[{"Y": [1, 2, 3, 4, 5, 6]}]"#, "\"Y\""),
            ("/v1/pipelines/pipe/infer", #"[{"X": [1, 2, 3]}]"#, "\"X\""),
            ("/v1/pipelines/pipe/infer", #"[{"X": [1, 2, 3, 4, 5, 6]"#, ""),
            ("/v1/pipelines/pipe/infer", #"[]"#, ""),
            ("/v2/models/pipe/infer", #"{"inputs": [{"name": "X", "shape": [1, 6], "datatype": "INT64", "data": [1, 2, 3, 4, 5, 6]}]}"#, "\"X\""),
            ("/v2/models/pipe/infer", #"{"inputs": [{"name": "X", "shape": [1, 5], "datatype": "FP32", "data": [1, 2, 3, 4, 5]}]}"#, "\"X\""),
            ("/v2/models/pipe/infer", #"{"inputs": [{"name": "X", "shape": [1, 6], "datatype": "FP32", "data": [1, 2, 3]}]}"#, "\"X\""),
            ("/v2/models/pipe/infer", #"{"inputs": [{"name": "X", "shape": [1, 6], "datatype": "FP32", "data": [1, 2, 3, 4, 5, 6]}], "outputs": [{"name": "nope"}]}"#, "\"nope\""),
            ("/v2/models/pipe/infer", #"{"inputs": "#, ""),
        ]
        for (path, body, named) in cases {
            let reply = try await client.call(.post, path, body: Data(body.utf8))
            #expect(reply.status == .badRequest, "\(path) \(body)")
            if path.hasPrefix("/v1") {
                #expect(reply.errorCode == "bad_request", "\(path) \(body)")
            } else {
                // The Open Inference Protocol's error shape, which tritonclient reads
                #expect(!reply.errorMessage.isEmpty && reply.errorCode.isEmpty, "\(path) \(body)")
            }
            if !named.isEmpty { #expect(reply.errorMessage.contains(named), "\(reply.errorMessage)") }
        }
        // The server keeps serving good requests afterwards
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: Data(#"[{"X": [1, 2, 3, 4, 5, 6]}]"#.utf8)))
    }
}

@Test func oversizedBodiesAre413() async throws {
    let server = try TestServer(maxRequestBytes: 1024)
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        let rows = Array(repeating: #"{"X": [1, 2, 3, 4, 5, 6]}"#, count: 200).joined(separator: ", ")
        let reply = try await client.call(.post, "/v1/pipelines/pipe/infer", body: Data("[\(rows)]".utf8))
        #expect(reply.status == .contentTooLarge)
        #expect(reply.errorCode == "too_large")
    }
}

@Test func unknownNamesAre404AndBrokenJSONIs400() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        #expect(try await client.call(.post, "/v1/pipelines/nope/infer", body: Data("[]".utf8)).status == .notFound)
        #expect(try await client.call(.get, "/v2/models/nope").status == .notFound)
        #expect(try await client.call(.get, "/v1/pipelines/nope").status == .notFound)
        #expect(try await client.call(.get, "/v1/no/such/route").errorCode == "not_found")
        let broken = try await client.call(.post, "/v1/workspaces", body: Data("{\"name\": ".utf8))
        #expect(broken.status == .badRequest)
        let missing = try await client.call(.post, "/v1/workspaces", body: Data("{}".utf8))
        #expect(missing.status == .badRequest)
        #expect(missing.errorMessage.contains("name"))
        #expect(try await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "UPPER")).status == .badRequest)
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        #expect(try await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")).status == .conflict)
    }
}

@Test func pipelinesRefuseStepsThatDoNotChain() async throws {
    // Given models whose signatures do and do not fit together
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        for (name, fixture) in [("imputer", "imputer_scaler"), ("linreg", "linear_regression"), ("logreg", "logreg_binary_nozipmap")] {
            try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/\(name)", body: try fixtureModel(fixture)))
        }
        // When a chain fits (one output into one input), it is created with the ends' signature
        let good = try expectStatus(.created, await client.call(.put, "/v1/pipelines/chain", json: CreatePipelineRequest(workspace: "team", steps: [.model(.init(name: "imputer")), .model(.init(name: "linreg"))]))).decode(PipelineVersion.self)
        #expect(good.inputs.map(\.name) == ["X"])
        #expect(good.outputs.map(\.name) == ["variable"])
        #expect(good.steps.allSatisfy { $0.models.allSatisfy { $0.version != nil } })
        // and when it does not, it is refused naming both sides
        let bad = try await client.call(.put, "/v1/pipelines/broken", json: CreatePipelineRequest(workspace: "team", steps: [.model(.init(name: "logreg")), .model(.init(name: "linreg"))]))
        #expect(bad.status == .unprocessableContent)
        #expect(bad.errorMessage.contains("\"X\"") && bad.errorMessage.contains("probabilities"))
        // an unknown model is a 404 naming it
        let unknown = try await client.call(.put, "/v1/pipelines/other", json: CreatePipelineRequest(workspace: "team", steps: [.model(.init(name: "ghost"))]))
        #expect(unknown.status == .notFound)
        #expect(unknown.errorMessage.contains("ghost"))
        // and the chained pipeline deploys and answers one value per row
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/chain/deploy"))
        let reply = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/chain/infer", body: Data(#"[{"X": [1, 2, 3, 4, 5]}, {"X": [0, 0, 0, 0, 0]}]"#.utf8)))
        #expect(try reply.decode([InferenceRecord].self).count == 2)
        // creating again makes version 2
        let second = try expectStatus(.created, await client.call(.put, "/v1/pipelines/chain", json: CreatePipelineRequest(workspace: "team", steps: [.model(.init(name: "linreg"))]))).decode(PipelineVersion.self)
        #expect(second.version == 2)
    }
}
