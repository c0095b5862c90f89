import Foundation
import HTTPTypes
import Hummingbird
import LastmileAPI
import NIOCore

/// What a UI handler gets: the signed-in session, the request, its form fields and the API.
struct UIRequest: Sendable {
    let session: UISession
    let request: Request
    let context: LastmileRequestContext
    let form: FormData
    let api: InternalAPI
    let renderer: UIRenderer

    /// Calls the API as the signed-in user and decodes the reply; API errors throw `UIError`.
    func call<T: Decodable>(_ method: HTTPRequest.Method, _ path: String, json: (some Encodable)? = Optional<EmptyReply>.none, as type: T.Type = T.self) async throws -> T {
        try await api.call(method, path, token: session.token, json: json, as: T.self, context: context)
    }

    /// Calls the API as the signed-in user and returns the raw reply.
    func send(_ method: HTTPRequest.Method, _ path: String, body: ByteBuffer? = nil, contentType: String = "application/json") async throws -> InternalAPI.Reply {
        try await api.send(method, path, token: session.token, body: body, contentType: contentType, context: context)
    }

    /// The signed-in user as the API sees them.
    func me() async throws -> User {
        try await call(.get, "/v1/users/me")
    }

    /// A full page for this session.
    func page(_ template: String, _ model: Any, title: String, section: String, flash: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        renderer.page(template, model, title: title, section: section, session: session, flash: flash ?? query("flash"), error: error ?? query("error"), status: status)
    }

    /// A query parameter, or nil when missing or blank.
    func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }
}
