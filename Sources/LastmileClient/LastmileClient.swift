import AsyncHTTPClient
import Foundation
import LastmileAPI
import NIOCore
import NIOHTTP1

/// A typed client for a Lastmile server's `/v1` and `/v2` APIs.
///
/// Every call is async and throws `ClientError` with the server's code and message. One client
/// may be shared by many tasks.
public struct LastmileClient: Sendable {
    /// The server's base URL, such as `http://127.0.0.1:8080`.
    public var url: URL
    /// The bearer token sent with every call, if any.
    public var token: String?
    /// The longest a call may take.
    public var timeout: TimeAmount
    private let http: HTTPClient

    /// Creates a client for the server at `url`.
    ///
    /// - Parameter httpClient: the AsyncHTTPClient to send requests with; the shared one by default.
    public init(url: URL, token: String?, timeout: TimeAmount = .seconds(300), httpClient: HTTPClient = .shared) {
        self.url = url
        self.token = token
        self.timeout = timeout
        self.http = httpClient
    }

    // MARK: - Transport

    /// A reply's status, headers and body.
    public struct RawReply: Sendable {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: Data
    }

    /// Sends a request and returns the reply whatever its status.
    public func send(
        _ method: HTTPMethod,
        _ path: String,
        body: Data? = nil,
        contentType: String = "application/json",
        headers extra: [(String, String)] = [],
        progress: (@Sendable (_ sent: Int, _ total: Int) -> Void)? = nil
    ) async throws -> RawReply {
        var request = makeRequest(path)
        request.method = method
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            if let progress {
                request.body = .stream(Self.chunks(of: body, progress: progress), length: .known(Int64(body.count)))
            } else {
                request.body = .bytes(ByteBuffer(bytes: body))
            }
        }
        let response = try await execute(request)
        let buffer = try await response.body.collect(upTo: 1 << 32)
        return RawReply(status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView))
    }

    /// The body in 1 MiB chunks, reporting each chunk as it is handed to the connection.
    private static func chunks(of body: Data, progress: @escaping @Sendable (Int, Int) -> Void) -> UploadChunks {
        UploadChunks(body: body, progress: progress)
    }

    /// The server's URL without a trailing slash.
    private var base: String {
        url.absoluteString.hasSuffix("/") ? String(url.absoluteString.dropLast()) : url.absoluteString
    }

    /// A GET of `path` on the server, with the token.
    private func makeRequest(_ path: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: base + path)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        return request
    }

    /// Sends `request`; a connection failure becomes `ClientError` with code `unreachable`.
    private func execute(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        do {
            return try await http.execute(request, timeout: timeout)
        } catch {
            throw ClientError(status: 0, code: "unreachable", message: "could not reach the Lastmile server at \(base): \(error)", underlying: error)
        }
    }

    /// GETs `path` and writes the reply body to `file` as it arrives; failures become `ClientError`.
    func download(_ path: String, to file: URL, progress: (@Sendable (Int) -> Void)?) async throws -> Int {
        let response = try await execute(makeRequest(path))
        guard (200..<300).contains(Int(response.status.code)) else {
            let body = try await response.body.collect(upTo: 1 << 20)
            try Self.check(RawReply(status: Int(response.status.code), headers: response.headers, body: Data(body.readableBytesView)))
            return 0
        }
        guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = FileHandle(forWritingAtPath: file.path) else {
            throw ClientError(status: 0, code: "io", message: "cannot write \(file.path)")
        }
        defer { try? handle.close() }
        var written = 0
        for try await chunk in response.body {
            try handle.write(contentsOf: Data(chunk.readableBytesView))
            written += chunk.readableBytes
            progress?(written)
        }
        return written
    }

    /// Sends a request and decodes a successful reply as `T`; failures become `ClientError`.
    public func call<T: Decodable>(
        _ method: HTTPMethod,
        _ path: String,
        json body: (some Encodable)? = Optional<Int>.none,
        as type: T.Type = T.self
    ) async throws -> T {
        let data = try body.map { try APICoding.encoder().encode($0) }
        let reply = try await send(method, path, body: data)
        return try decode(reply, as: type)
    }

    /// Decodes a reply as `T`, or throws the server's error.
    public func decode<T: Decodable>(_ reply: RawReply, as type: T.Type = T.self) throws -> T {
        try Self.check(reply)
        do {
            return try APICoding.decoder().decode(T.self, from: reply.body)
        } catch {
            throw ClientError(status: reply.status, code: "bad_reply", message: "the server's reply is not the expected \(T.self) JSON: \(error)", underlying: error)
        }
    }

    /// Throws the server's error when the reply is not a success.
    public static func check(_ reply: RawReply) throws {
        guard !(200..<300).contains(reply.status) else { return }
        if let error = try? JSONDecoder().decode(ErrorReply.self, from: reply.body) {
            throw ClientError(status: reply.status, code: error.error.code, message: error.error.message)
        }
        let text = String(decoding: reply.body.prefix(200), as: UTF8.self)
        throw ClientError(status: reply.status, code: "http_\(reply.status)", message: text.isEmpty ? "the server answered HTTP \(reply.status)" : text)
    }

    /// Percent-encodes one path segment.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text
    }
}

/// An upload body as 1 MiB buffers, calling `progress` with the bytes handed out so far.
struct UploadChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let body: Data
    let progress: @Sendable (Int, Int) -> Void

    struct AsyncIterator: AsyncIteratorProtocol {
        let body: Data
        let progress: @Sendable (Int, Int) -> Void
        var offset = 0

        mutating func next() async -> ByteBuffer? {
            guard offset < body.count else { return nil }
            let end = Swift.min(offset + (1 << 20), body.count)
            let chunk = ByteBuffer(bytes: body[body.startIndex + offset..<body.startIndex + end])
            offset = end
            progress(end, body.count)
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(body: body, progress: progress)
    }
}
