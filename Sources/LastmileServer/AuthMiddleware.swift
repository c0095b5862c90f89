import Hummingbird

/// Requires a valid bearer token on every call except the health checks and `/metrics`
/// (Prometheus scrapers carry no token; the metrics hold no request data) and the web UI, whose
/// pages check their session cookie and call the API in-process with the session's token.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = LastmileRequestContext

    let authenticator: Authenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/health/") || path.hasPrefix("/v2/health/") || path == "/metrics" || path == "/" || path == "/ui" || path.hasPrefix("/ui/") {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization] else { throw APIError.unauthorized }
        let prefix = "Bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix.lowercased() else {
            throw APIError.unauthorized
        }
        let token = String(header.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        guard let user = try authenticator.user(token: token) else { throw APIError.unauthorized }
        var context = context
        context.user = user
        return try await next(request, context)
    }
}
