import GRDB

/// A row of the `canary` table: the latest canary of a pipeline.
struct CanaryRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "canary"

    /// The columns of the `canary` table.
    enum Columns {
        static let pipelineId = Column(CodingKeys.pipelineId)
        static let state = Column(CodingKeys.state)
    }

    /// The primary key: one canary per pipeline is kept, the latest.
    var pipelineId: String
    /// A `CanaryState` raw value (indexed, for the scheduler's list of running canaries).
    var state: String
    /// `Canary` as JSON (`APICoding`).
    var body: String
    /// Milliseconds since 1970.
    var updatedAt: Int64
}
