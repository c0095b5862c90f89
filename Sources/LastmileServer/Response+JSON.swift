import Foundation
import HTTPTypes
import Hummingbird
import LastmileAPI
import NIOCore

extension Response {
    /// A reply with `value` encoded as Lastmile's JSON.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try APICoding.encoder().encode(value)
        return bytes(data, status: status)
    }

    /// A reply with raw bytes and a content type.
    static func bytes(_ data: some Collection<UInt8>, status: HTTPResponse.Status = .ok, contentType: String = "application/json", headers extra: HTTPFields = [:]) -> Response {
        var buffer = ByteBufferAllocator().buffer(capacity: data.count)
        buffer.writeBytes(data)
        var headers = extra
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }
}

extension Request {
    /// The whole body, refusing more than `limit` bytes with 413.
    func collectBody(limit: Int, what: String) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "too_large", "\(what) is larger than this server accepts (\(limit) bytes); send less, or raise the limit when starting the server")
        }
    }

    /// The body decoded as Lastmile JSON; an empty or malformed body is a 400 naming the problem.
    func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        let buffer = try await collectBody(limit: limit, what: "the JSON body")
        guard buffer.readableBytes > 0 else {
            throw APIError.badRequest("the request needs a JSON body (\(T.self))")
        }
        return try APICoding.decoder().decode(T.self, from: Data(buffer.readableBytesView))
    }

    /// The body as JSON when there is one, else nil.
    func decodeOptionalJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T? {
        let buffer = try await collectBody(limit: limit, what: "the JSON body")
        guard buffer.readableBytes > 0 else { return nil }
        return try APICoding.decoder().decode(T.self, from: Data(buffer.readableBytesView))
    }
}

/// An empty JSON object, the reply of calls that return nothing.
struct EmptyReply: Codable {}
