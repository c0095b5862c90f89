import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import LastmileTesting
import Logging
import NIOCore

/// A server on a fresh data directory, driven in-process through HummingbirdTesting.
struct TestServer {
    static let adminToken = "lm_test_admin_token"

    let directory: URL
    let server: PlatformServer

    /// Opens a server on `directory` (a new temp dir by default) with a known admin token.
    init(directory: URL? = nil, maxRequestBytes: Int = 8 << 20, logDurability: String = "async", converterPython: String? = nil, conversionTimeoutSeconds: Int = 300) throws {
        let directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-server-\(UUID().uuidString)")
        self.directory = directory
        var logger = Logger(label: "lastmile-test")
        logger.logLevel = .critical
        var configuration = ServerConfiguration(port: 0, dataDirectory: directory, adminToken: Self.adminToken, maxModelBytes: 64 << 20, maxRequestBytes: maxRequestBytes)
        configuration.logDurability = logDurability
        configuration.converterPython = converterPython
        configuration.conversionTimeoutSeconds = conversionTimeoutSeconds
        server = try PlatformServer(configuration: configuration, logger: logger)
        _ = try server.bootstrapAdmin()
    }

    /// Restores deployments, then runs `body` against the router, then commits the log.
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        await server.restoreDeployments()
        let result = try await server.makeApplication().test(.router, body)
        await server.closeLog()
        return result
    }

    func removeDirectory() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A parsed reply.
struct Reply {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: Data

    /// The body decoded as Lastmile JSON.
    func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try APICoding.decoder().decode(T.self, from: body)
    }

    /// The error reply's message, from Lastmile's `{"error": {"message"}}` or the Open Inference
    /// Protocol's `{"error": "message"}` ("" when the body is neither).
    var errorMessage: String {
        if let reply = try? APICoding.decoder().decode(ErrorReply.self, from: body) { return reply.error.message }
        return ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["error"] as? String ?? ""
    }

    /// The error reply's code.
    var errorCode: String {
        (try? APICoding.decoder().decode(ErrorReply.self, from: body))?.error.code ?? ""
    }

    /// The body as a JSON object tree.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: body)
    }
}

extension TestClientProtocol {
    /// Sends a request with a token and returns the whole reply.
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = TestServer.adminToken, body: Data? = nil, headers extra: HTTPFields = [:]) async throws -> Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) }) { response in
            Reply(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
        }
    }

    /// Sends `value` as Lastmile JSON.
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = TestServer.adminToken, json value: some Encodable) async throws -> Reply {
        try await call(method, uri, token: token, body: APICoding.encoder().encode(value))
    }

    /// Creates workspace `team`, uploads `fixture` as model `model`, creates pipeline `pipeline`
    /// of that one model and deploys it.
    func deployFixture(_ fixture: String, workspace: String = "team", model: String = "model", pipeline: String = "pipe", config: DeploymentConfig? = nil) async throws {
        if try await call(.get, "/v1/workspaces/\(workspace)").status == .notFound {
            try await expectStatus(.created, call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: workspace)))
        }
        let onnx = try Data(contentsOf: Fixture.committedRoot.appendingPathComponent(fixture).appendingPathComponent("model.onnx"))
        try await expectStatus(.created, call(.post, "/v1/workspaces/\(workspace)/models/\(model)", body: onnx))
        try await expectStatus(.created, call(.put, "/v1/pipelines/\(pipeline)", json: CreatePipelineRequest(workspace: workspace, steps: [.model(ModelReference(name: model))])))
        try await expectStatus(.ok, call(.post, "/v1/pipelines/\(pipeline)/deploy", json: DeployRequest(config: config)))
    }
}

struct UnexpectedStatus: Error, CustomStringConvertible {
    var expected: HTTPResponse.Status
    var reply: Reply
    var description: String { "expected \(expected.code), got \(reply.status.code): \(String(decoding: reply.body.prefix(400), as: UTF8.self))" }
}

/// Throws unless the reply has `status`; returns it for further checks.
@discardableResult
func expectStatus(_ status: HTTPResponse.Status, _ reply: Reply) throws -> Reply {
    guard reply.status == status else { throw UnexpectedStatus(expected: status, reply: reply) }
    return reply
}

/// The fixture's model bytes.
func fixtureModel(_ name: String) throws -> Data {
    try Data(contentsOf: Fixture.committedRoot.appendingPathComponent(name).appendingPathComponent("model.onnx"))
}
