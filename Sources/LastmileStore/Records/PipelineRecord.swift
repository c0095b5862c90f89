import GRDB

/// A row of the `pipeline` table: a deployable name, unique on the server, owned by one workspace.
struct PipelineRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "pipeline"

    /// The columns of the `pipeline` table.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let workspaceId = Column(CodingKeys.workspaceId)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    /// A lowercased UUID.
    var id: String
    var name: String
    var workspaceId: String
    /// Milliseconds since 1970.
    var createdAt: Int64
}
