import GRDB

/// A row of the `pipelineVersion` table: one immutable list of steps of a pipeline.
///
/// The primary key is (`pipelineId`, `version`); versions count from 1.
struct PipelineVersionRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "pipelineVersion"

    /// The columns of the `pipelineVersion` table.
    enum Columns {
        static let pipelineId = Column(CodingKeys.pipelineId)
        static let version = Column(CodingKeys.version)
        static let steps = Column(CodingKeys.steps)
        static let inputs = Column(CodingKeys.inputs)
        static let outputs = Column(CodingKeys.outputs)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var pipelineId: String
    var version: Int
    /// `[PipelineStep]` as JSON (`APICoding`).
    var steps: String
    /// `[TensorSpec]` as JSON (`APICoding`).
    var inputs: String
    /// `[TensorSpec]` as JSON (`APICoding`).
    var outputs: String
    /// Milliseconds since 1970.
    var createdAt: Int64
}
