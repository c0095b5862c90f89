import GRDB

/// A row of the `deployment` table: the deployment of one pipeline (at most one per pipeline).
struct DeploymentRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "deployment"

    /// The columns of the `deployment` table.
    enum Columns {
        static let pipelineId = Column(CodingKeys.pipelineId)
        static let version = Column(CodingKeys.version)
        static let state = Column(CodingKeys.state)
        static let error = Column(CodingKeys.error)
        static let config = Column(CodingKeys.config)
        static let replicas = Column(CodingKeys.replicas)
        static let updatedAt = Column(CodingKeys.updatedAt)
    }

    /// The primary key.
    var pipelineId: String
    var version: Int
    /// A `DeploymentState` raw value.
    var state: String
    var error: String?
    /// `DeploymentConfig` as JSON (`APICoding`).
    var config: String
    var replicas: Int
    /// Milliseconds since 1970.
    var updatedAt: Int64
}
