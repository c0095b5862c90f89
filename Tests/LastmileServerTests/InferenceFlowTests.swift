import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import LastmileTesting
import Testing

/// The logistic-regression fixture's request rows and onnxruntime's outputs for them.
private struct LogregCase {
    var rows: [[Double]]
    var labels: [Double]
    var probabilities: [Double]

    init() throws {
        let fixture = Fixture.committedRoot.appendingPathComponent("logreg_binary_nozipmap")
        let request = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture.appendingPathComponent("request.json"))) as? [String: Any]
        let input = (request?["inputs"] as? [[String: Any]])?.first
        let data = (input?["data"] as? [NSNumber] ?? []).map(\.doubleValue)
        let width = 6
        rows = stride(from: 0, to: data.count, by: width).map { Array(data[$0..<$0 + width]) }
        let expected = try ExpectedOutput.decodeResponse(Data(contentsOf: fixture.appendingPathComponent("expected.json")))
        guard case .numbers(let labels) = expected.first(where: { $0.name == "label" })?.data,
              case .numbers(let probabilities) = expected.first(where: { $0.name == "probabilities" })?.data else {
            throw FixtureError("logreg_binary_nozipmap's expected outputs changed shape")
        }
        self.labels = labels
        self.probabilities = probabilities
    }

    var recordsBody: Data {
        let rows = rows.map { row in "{\"X\": [\(row.map { String(Float($0)) }.joined(separator: ", "))]}" }
        return Data(("[" + rows.joined(separator: ", ") + "]").utf8)
    }
}

private func numbers(_ value: Any?) -> [Double] {
    if let list = value as? [Any] { return list.flatMap { numbers($0) } }
    if let number = value as? NSNumber { return [number.doubleValue] }
    return []
}

@Test func deployedPipelineAnswersRecordsLikeOnnxruntime() async throws {
    // Given the logistic-regression fixture deployed as pipeline "pipe"
    let server = try TestServer()
    defer { server.removeDirectory() }
    let reference = try LogregCase()
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        // When its rows are sent as records JSON
        let reply = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: reference.recordsBody))
        // Then each row comes back with onnxruntime's label and probabilities, and metadata
        let records = try reply.decode([InferenceRecord].self)
        #expect(records.count == reference.rows.count)
        let rows = try #require(try reply.json() as? [[String: Any]])
        let labels = rows.flatMap { numbers(($0["out"] as? [String: Any])?["label"]) }
        let probabilities = rows.flatMap { numbers(($0["out"] as? [String: Any])?["probabilities"]) }
        #expect(labels == reference.labels)
        #expect(close(probabilities, reference.probabilities, tolerance: 1e-4))
        let inputs = rows.flatMap { numbers(($0["in"] as? [String: Any])?["X"]) }
        #expect(close(inputs, reference.rows.flatMap { $0 }, tolerance: 1e-5))
        #expect(records.allSatisfy { $0.metadata.pipeline == "pipe" && $0.metadata.pipelineVersion == 1 && $0.metadata.modelVersions.count == 1 })
        #expect(records.allSatisfy { $0.anomaly["count"] == .number(0) })
    }
}

@Test func openInferenceProtocolJSONMatchesOnnxruntime() async throws {
    // Given the deployed fixture
    let server = try TestServer()
    defer { server.removeDirectory() }
    let reference = try LogregCase()
    let request = try Data(contentsOf: Fixture.committedRoot.appendingPathComponent("logreg_binary_nozipmap/request.json"))
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        // When the fixture's v2 request is posted, and metadata read
        let reply = try expectStatus(.ok, await client.call(.post, "/v2/models/pipe/infer", body: request))
        let metadata = try expectStatus(.ok, await client.call(.get, "/v2/models/pipe")).decode(ModelMetadata.self)
        let server = try expectStatus(.ok, await client.call(.get, "/v2")).decode(ServerMetadata.self)
        try expectStatus(.ok, await client.call(.get, "/v2/models/pipe/ready"))
        // Then outputs equal onnxruntime's and the metadata describes the pipeline
        let root = try #require(try reply.json() as? [String: Any])
        #expect(root["model_name"] as? String == "pipe")
        let outputs = try #require(root["outputs"] as? [[String: Any]])
        let probabilities = outputs.first { $0["name"] as? String == "probabilities" }
        #expect(close(numbers(probabilities?["data"]), reference.probabilities, tolerance: 1e-4))
        #expect((probabilities?["shape"] as? [Int]) == [reference.rows.count, 2])
        #expect(metadata.inputs.map(\.name) == ["X"])
        #expect(metadata.inputs.first?.datatype == "FP32")
        #expect(metadata.inputs.first?.shape.last == 6)
        #expect(metadata.outputs.map(\.name).sorted() == ["label", "probabilities"])
        #expect(server.extensions.contains("binary_tensor_data"))
    }
}

@Test func binaryTensorDataExtensionRoundTrips() async throws {
    // Given the deployed fixture and a request whose input travels as raw float32 bytes
    let server = try TestServer()
    defer { server.removeDirectory() }
    let reference = try LogregCase()
    let floats = reference.rows.flatMap { $0 }.map { Float($0) }
    var bytes = Data()
    for value in floats { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
    let tensorBytes = bytes
    let header = Data(#"{"inputs": [{"name": "X", "shape": [\#(reference.rows.count), 6], "datatype": "FP32", "parameters": {"binary_data_size": \#(tensorBytes.count)}}], "outputs": [{"name": "probabilities", "parameters": {"binary_data": true}}]}"#.utf8)
    var fields = HTTPFields()
    fields[HTTPField.Name("Inference-Header-Content-Length")!] = String(header.count)
    let headers = fields
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        // When it is posted
        let reply = try expectStatus(.ok, await client.call(.post, "/v2/models/pipe/infer", body: header + tensorBytes, headers: headers))
        // Then the reply's JSON part says where the binary output is, and the bytes are onnxruntime's numbers
        let jsonLength = try #require(reply.headers[HTTPField.Name("Inference-Header-Content-Length")!].flatMap { Int($0) })
        let json = try #require(try JSONSerialization.jsonObject(with: reply.body.prefix(jsonLength)) as? [String: Any])
        let output = try #require((json["outputs"] as? [[String: Any]])?.first)
        #expect(output["name"] as? String == "probabilities")
        let size = try #require((output["parameters"] as? [String: Any])?["binary_data_size"] as? Int)
        #expect(size == reference.probabilities.count * 4)
        let raw = reply.body.dropFirst(jsonLength)
        #expect(raw.count == size)
        let values = stride(from: raw.startIndex, to: raw.endIndex, by: 4).map { index in
            Double(Float(bitPattern: raw[index..<index + 4].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }))
        }
        #expect(close(values, reference.probabilities, tolerance: 1e-4))
    }
}

@Test func deploymentsComeBackAfterARestart() async throws {
    // Given a deployed pipeline on a data directory
    let first = try TestServer()
    defer { first.removeDirectory() }
    let reference = try LogregCase()
    try await first.test { client in
        try await client.deployFixture("logreg_binary_nozipmap", config: DeploymentConfig(replicas: 2))
    }
    // When a new server opens the same directory
    let second = try TestServer(directory: first.directory)
    try await second.test { client in
        // Then the pipeline is running again with its config and answers
        let deployment = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/deployment")).decode(Deployment.self)
        #expect(deployment.state == .running)
        #expect(deployment.config.replicas == 2)
        let reply = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: reference.recordsBody))
        #expect(try reply.decode([InferenceRecord].self).count == reference.rows.count)
        try expectStatus(.ok, await client.call(.get, "/health/ready", token: nil))
    }
}

@Test func undeployedPipelinesAnswer404AndCanBeDeployedAgain() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    let reference = try LogregCase()
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/undeploy"))
        let gone = try expectStatus(.notFound, await client.call(.post, "/v1/pipelines/pipe/infer", body: reference.recordsBody))
        #expect(gone.errorMessage.contains("is not deployed"))
        try expectStatus(.notFound, await client.call(.get, "/v2/models/pipe/ready"))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/deploy"))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: reference.recordsBody))
    }
}
