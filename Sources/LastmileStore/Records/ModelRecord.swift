import GRDB

/// A row of the `model` table: a model name inside a workspace.
///
/// (`workspaceId`, `name`) is unique.
struct ModelRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "model"

    /// The columns of the `model` table.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let workspaceId = Column(CodingKeys.workspaceId)
        static let name = Column(CodingKeys.name)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    /// A lowercased UUID.
    var id: String
    var workspaceId: String
    var name: String
    /// Milliseconds since 1970.
    var createdAt: Int64
}
