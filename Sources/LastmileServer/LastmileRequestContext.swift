import Hummingbird
import LastmileAPI

/// The per-request context: Hummingbird's core storage and the authenticated user.
struct LastmileRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The caller, set by `AuthMiddleware` for every route that needs a token.
    var user: User?

    init(source: Source) {
        coreContext = .init(source: source)
        user = nil
    }

    /// The authenticated caller; routes behind `AuthMiddleware` always have one.
    func requireUser() throws -> User {
        guard let user else { throw APIError.unauthorized }
        return user
    }
}
