import GRDB

/// A row of the `workspace` table: a team's space.
struct WorkspaceRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "workspace"

    /// The columns of the `workspace` table.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    /// A lowercased UUID.
    var id: String
    /// Unique on the server.
    var name: String
    /// Milliseconds since 1970.
    var createdAt: Int64
}
