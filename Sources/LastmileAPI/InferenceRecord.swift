/// One row of an inference reply (and, later, of the inference log), as DESIGN.md section 6
/// describes: `{"time", "in", "out", "anomaly", "metadata"}`.
public struct InferenceRecord: Codable, Sendable, Equatable {
    /// When the row was served, in milliseconds since 1970.
    public var time: Int64
    /// The row's inputs by name.
    public var `in`: [String: JSONValue]
    /// The row's outputs by name.
    public var out: [String: JSONValue]
    /// `count` and, per failed validation, its name.
    public var anomaly: [String: JSONValue]
    public var metadata: RecordMetadataFields

    public init(time: Int64, in inputs: [String: JSONValue], out: [String: JSONValue], anomaly: [String: JSONValue], metadata: RecordMetadataFields) {
        self.time = time
        self.in = inputs
        self.out = out
        self.anomaly = anomaly
        self.metadata = metadata
    }
}

/// The `metadata` of an inference record: which versions answered and how long it took.
public struct RecordMetadataFields: Codable, Sendable, Equatable {
    /// The row's prediction id (a UUIDv7), the key of its inference log record.
    public var predictionId: String?
    public var pipeline: String
    public var pipelineVersion: Int
    public var modelVersions: [String]
    /// Time spent in the pipeline for the whole request, in nanoseconds.
    public var elapsedNs: Int64

    public init(predictionId: String? = nil, pipeline: String, pipelineVersion: Int, modelVersions: [String], elapsedNs: Int64) {
        self.predictionId = predictionId
        self.pipeline = pipeline
        self.pipelineVersion = pipelineVersion
        self.modelVersions = modelVersions
        self.elapsedNs = elapsedNs
    }

    private enum CodingKeys: String, CodingKey {
        case predictionId = "prediction_id"
        case pipeline
        case pipelineVersion = "pipeline_version"
        case modelVersions = "model_versions"
        case elapsedNs = "elapsed_ns"
    }
}
