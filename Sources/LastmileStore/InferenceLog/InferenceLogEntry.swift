/// One logged inference row: the fields the log indexes plus the row's JSON.
///
/// `json` is opaque to the log: the server renders the same row object it returns in
/// inference replies and the log hands the bytes back unchanged.
public struct InferenceLogEntry: Sendable, Equatable {
    /// The pipeline that served the row (a `ResourceName`); rows are stored per pipeline.
    public var pipeline: String
    /// When the row was served, in milliseconds since 1970; reads filter and order by it.
    public var timeMillis: Int64
    /// The prediction id (a UUIDv7 string), at most 65,535 UTF-8 bytes.
    public var id: String
    /// How many validations flagged the row; reads can ask for rows where it is above 0.
    /// Stored as an unsigned 32-bit count: negative values read back as 0.
    public var anomalyCount: Int
    /// The row's JSON object, as served.
    public var json: [UInt8]

    /// A row with the given fields.
    public init(pipeline: String, timeMillis: Int64, id: String, anomalyCount: Int, json: [UInt8]) {
        self.pipeline = pipeline
        self.timeMillis = timeMillis
        self.id = id
        self.anomalyCount = anomalyCount
        self.json = json
    }
}
