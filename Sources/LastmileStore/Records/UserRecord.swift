import GRDB

/// A row of the `user` table: one person or program that calls the API.
struct UserRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "user"

    /// The columns of the `user` table.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let admin = Column(CodingKeys.admin)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    /// A lowercased UUID.
    var id: String
    /// Unique on the server.
    var name: String
    var admin: Bool
    /// Milliseconds since 1970.
    var createdAt: Int64
}
