import Foundation
import HTTPTypes
import Hummingbird
import LastmileAPI
import NIOCore
import Synchronization

/// Calls the JSON API in-process with a session's token, so every page goes through the very
/// routes, checks and error messages the API has (and nothing the API refuses, the UI allows).
struct InternalAPI: Sendable {
    let responder: RouterResponder<LastmileRequestContext>

    /// A finished API reply.
    struct Reply: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer

        var data: Data { Data(body.readableBytesView) }

        /// The body decoded as Lastmile JSON.
        func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
            try APICoding.decoder().decode(T.self, from: data)
        }
    }

    /// Sends the request and returns the whole reply, whatever its status.
    func send(_ method: HTTPRequest.Method, _ path: String, token: String, body: ByteBuffer? = nil, contentType: String = "application/json", context: LastmileRequestContext) async throws -> Reply {
        try await Self.collect(respond(method, path, token: token, body: body, contentType: contentType, context: context))
    }

    /// The whole of a response, its body read into memory.
    static func collect(_ response: Response) async throws -> Reply {
        let collector = BodyCollector()
        try await response.body.write(CollectingWriter(collector: collector))
        return Reply(status: response.status, headers: response.headers, body: collector.buffer.withLock { $0 })
    }

    /// Sends the request and returns the API's response as it is (for streamed downloads).
    func respond(_ method: HTTPRequest.Method, _ path: String, token: String, body: ByteBuffer? = nil, contentType: String = "application/json", context: LastmileRequestContext) async throws -> Response {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(token)"
        fields[.contentType] = contentType
        let head = HTTPRequest(method: method, scheme: "http", authority: "lastmile-ui", path: path, headerFields: fields)
        let request = Request(head: head, body: RequestBody(buffer: body ?? ByteBuffer()))
        var context = context
        context.user = nil
        return try await responder.respond(to: request, context: context)
    }

    /// Sends the request and decodes a successful reply; an error reply throws `UIError` with the API's message.
    func call<T: Decodable>(_ method: HTTPRequest.Method, _ path: String, token: String, json: (some Encodable)? = Optional<EmptyReply>.none, as type: T.Type = T.self, context: LastmileRequestContext) async throws -> T {
        let body = try json.map { ByteBuffer(bytes: try APICoding.encoder().encode($0)) }
        let reply = try await send(method, path, token: token, body: body, context: context)
        try Self.check(reply)
        return try reply.decode(T.self)
    }

    /// Throws `UIError` when the reply is an error, with the API's own message.
    static func check(_ reply: Reply) throws {
        guard reply.status.code >= 400 else { return }
        let message = (try? reply.decode(ErrorReply.self))?.error.message ?? "the server answered \(reply.status.code)"
        throw UIError(status: reply.status, message: message)
    }
}

/// An error to show on a page: the status to answer with and what went wrong.
struct UIError: Error {
    var status: HTTPResponse.Status
    var message: String
}

/// Gathers the body of an in-process reply.
private final class BodyCollector: Sendable {
    let buffer = Mutex(ByteBuffer())
}

private struct CollectingWriter: ResponseBodyWriter {
    let collector: BodyCollector

    mutating func write(_ buffer: ByteBuffer) async throws {
        collector.buffer.withLock { collected in
            var copy = buffer
            collected.writeBuffer(&copy)
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
