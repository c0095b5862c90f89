import GRDB

/// A row of the `modelVersion` table: one immutable artifact of a model and its signature.
///
/// `number` counts the model's versions from 1 and orders them; (`modelId`, `number`) is unique.
struct ModelVersionRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "modelVersion"

    /// The columns of the `modelVersion` table.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let modelId = Column(CodingKeys.modelId)
        static let number = Column(CodingKeys.number)
        static let sha256 = Column(CodingKeys.sha256)
        static let size = Column(CodingKeys.size)
        static let createdAt = Column(CodingKeys.createdAt)
        static let inputs = Column(CodingKeys.inputs)
        static let outputs = Column(CodingKeys.outputs)
        static let status = Column(CodingKeys.status)
        static let statusMessage = Column(CodingKeys.statusMessage)
    }

    /// A lowercased UUID.
    var id: String
    var modelId: String
    var number: Int
    /// The artifact's hex SHA-256, its name in the artifact store.
    var sha256: String
    var size: Int
    /// Milliseconds since 1970.
    var createdAt: Int64
    /// `[TensorSpec]` as JSON (`APICoding`).
    var inputs: String
    /// `[TensorSpec]` as JSON (`APICoding`).
    var outputs: String
    /// A `ModelVersionStatus` raw value (column added by migration `v5-model-version-status`).
    var status: String
    var statusMessage: String?
}
