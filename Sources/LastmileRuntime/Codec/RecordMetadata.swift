/// The `metadata` object of every row of a records reply.
public struct RecordMetadata: Sendable {
    /// The pipeline's name.
    public var pipeline: String
    /// The version number of the pipeline that answered.
    public var pipelineVersion: Int
    /// The ids of the model versions that ran.
    public var modelVersions: [String]
    /// How long the request took, in nanoseconds.
    public var elapsedNanos: UInt64
    /// The pipeline's validation names, sorted; each row's `anomaly` object says true or false
    /// for every one.
    public var validationNames: [String] = []
    /// Per row, the validations that flagged it (empty, or one list per row).
    public var anomalies: [[String]] = []
    /// Per row, the prediction id written as `metadata.prediction_id` (empty: none written).
    public var predictionIds: [String] = []

    /// Creates the metadata of a reply.
    public init(pipeline: String, pipelineVersion: Int, modelVersions: [String], elapsedNanos: UInt64) {
        self.pipeline = pipeline
        self.pipelineVersion = pipelineVersion
        self.modelVersions = modelVersions
        self.elapsedNanos = elapsedNanos
    }
}
