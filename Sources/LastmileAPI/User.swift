import Foundation

/// A person or program that calls the API with a bearer token.
public struct User: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// Admins manage users and every workspace.
    public var admin: Bool
    public var createdAt: Date

    public init(id: String, name: String, admin: Bool, createdAt: Date) {
        self.id = id
        self.name = name
        self.admin = admin
        self.createdAt = createdAt
    }
}

/// `POST /v1/users`: creates a user (admins only).
public struct CreateUserRequest: Codable, Sendable, Equatable {
    public var name: String
    public var admin: Bool?

    public init(name: String, admin: Bool? = nil) {
        self.name = name
        self.admin = admin
    }
}

/// The reply to `POST /v1/users`: the user and its token, which is shown only this once.
public struct CreateUserReply: Codable, Sendable, Equatable {
    public var user: User
    public var token: String

    public init(user: User, token: String) {
        self.user = user
        self.token = token
    }
}
