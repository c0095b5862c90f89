import Foundation

/// A team's space: models and pipelines belong to one, and members have a role in it.
public struct Workspace: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var createdAt: Date
    public var members: [Member]

    public init(id: String, name: String, createdAt: Date, members: [Member]) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.members = members
    }
}

/// What a member may do in a workspace.
///
/// Owners manage members; collaborators also create models and pipelines and deploy; viewers
/// read and infer. Each role includes the rights of the ones below it.
public enum WorkspaceRole: String, Codable, Sendable, CaseIterable, Comparable {
    case viewer
    case collaborator
    case owner

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .collaborator: 1
        case .owner: 2
        }
    }

    public static func < (lhs: WorkspaceRole, rhs: WorkspaceRole) -> Bool {
        lhs.rank < rhs.rank
    }
}

/// A user's membership of a workspace.
public struct Member: Codable, Sendable, Equatable {
    /// The user's name.
    public var user: String
    public var role: WorkspaceRole

    public init(user: String, role: WorkspaceRole) {
        self.user = user
        self.role = role
    }
}

/// `POST /v1/workspaces`: creates a workspace; its creator becomes its owner.
public struct CreateWorkspaceRequest: Codable, Sendable, Equatable {
    public var name: String

    public init(name: String) {
        self.name = name
    }
}

/// `POST /v1/workspaces/{ws}/members`: adds a member, or changes an existing member's role.
public typealias AddMemberRequest = Member
