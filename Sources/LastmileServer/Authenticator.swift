import LastmileAPI
import LastmileStore
import Synchronization

/// Resolves tokens to users and users to workspace roles, with an in-memory cache in front of the
/// store so the inference path does not query SQLite per request.
///
/// The cache is cleared whenever users, tokens or memberships change through this server.
final class Authenticator: Sendable {
    private struct RoleKey: Hashable {
        var user: String
        var workspace: String
    }

    private struct Cache {
        var users: [String: User] = [:]
        var roles: [RoleKey: WorkspaceRole?] = [:]
    }

    private let store: Store
    private let cache = Mutex(Cache())
    /// Cached entries kept at most; beyond it the cache starts over (tokens are few in practice).
    private let capacity = 10_000

    init(store: Store) {
        self.store = store
    }

    /// The user owning `token`, or nil for an unknown token.
    func user(token: String) throws -> User? {
        if let user = cache.withLock({ $0.users[token] }) { return user }
        guard let user = try store.authenticate(token: token) else { return nil }
        cache.withLock { cache in
            if cache.users.count >= capacity { cache.users.removeAll() }
            cache.users[token] = user
        }
        return user
    }

    /// The role of `user` in `workspace`, or nil when they are not a member.
    func role(of user: User, in workspace: String) throws -> WorkspaceRole? {
        let key = RoleKey(user: user.name, workspace: workspace)
        if let role = cache.withLock({ $0.roles[key] }) { return role }
        let role = try store.role(of: user.name, in: workspace)
        cache.withLock { cache in
            if cache.roles.count >= capacity { cache.roles.removeAll() }
            cache.roles[key] = .some(role)
        }
        return role
    }

    /// Forgets every cached token and role; call after any change to users or members.
    func invalidate() {
        cache.withLock { $0 = Cache() }
    }

    /// Throws unless `user` is an admin or has at least `role` in `workspace`.
    ///
    /// - Parameter action: what the caller tried, for the message ("deploy pipelines").
    func require(_ role: WorkspaceRole, in workspace: String, for user: User, to action: String) throws {
        if user.admin { return }
        guard let actual = try self.role(of: user, in: workspace) else {
            throw APIError.forbidden("user \"\(user.name)\" is not a member of workspace \"\(workspace)\"; an owner can add them with POST /v1/workspaces/\(workspace)/members")
        }
        guard actual >= role else {
            throw APIError.forbidden("user \"\(user.name)\" is a \(actual.rawValue) in workspace \"\(workspace)\"; to \(action) needs the \(role.rawValue) role or higher")
        }
    }
}
