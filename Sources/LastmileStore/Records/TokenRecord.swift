import GRDB

/// A row of the `token` table: the hash of one bearer token and the user it authenticates.
///
/// The token itself is never stored; `sha256` is the lowercase hex SHA-256 of its UTF-8 bytes.
struct TokenRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "token"

    /// The columns of the `token` table.
    enum Columns {
        static let sha256 = Column(CodingKeys.sha256)
        static let userId = Column(CodingKeys.userId)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    /// The primary key: hex SHA-256 of the token.
    var sha256: String
    var userId: String
    /// Milliseconds since 1970.
    var createdAt: Int64
}
