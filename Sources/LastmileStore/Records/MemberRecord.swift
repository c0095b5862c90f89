import GRDB

/// A row of the `member` table: a user's role in a workspace.
///
/// The primary key is (`workspaceId`, `userId`): a user has one role per workspace.
struct MemberRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "member"

    /// The columns of the `member` table.
    enum Columns {
        static let workspaceId = Column(CodingKeys.workspaceId)
        static let userId = Column(CodingKeys.userId)
        static let role = Column(CodingKeys.role)
    }

    var workspaceId: String
    var userId: String
    /// A `WorkspaceRole` raw value.
    var role: String
}
