/// One logged request: the fields the log indexes plus an encoding of its rows.
///
/// A request's rows are stored together as one record, so logging a 1,000-row batch costs one
/// record, not a thousand. `body` is opaque to the log: the server encodes the request's
/// tensors and metadata into it, and decodes and renders them when logs are read.
public struct InferenceLogEntry: Sendable, Equatable {
    /// The pipeline that served the rows (a `ResourceName`); rows are stored per pipeline.
    public var pipeline: String
    /// When the rows were served, in milliseconds since 1970; reads filter and order by it.
    public var timeMillis: Int64
    /// Per row, how many validations flagged it; there is one count per row, so its length is
    /// the entry's row count (at least 1). Reads can ask for rows whose count is above 0.
    public var anomalyCounts: [UInt32]
    /// The rows' encoding, as given to `append`.
    public var body: [UInt8]
    /// Set only on rows written by format-1 logs, which stored one row per record: the row's
    /// prediction id, with `body` holding the row's JSON object as it was served.
    public var legacyRowID: String?

    /// An entry of `anomalyCounts.count` rows.
    public init(pipeline: String, timeMillis: Int64, anomalyCounts: [UInt32], body: [UInt8], legacyRowID: String? = nil) {
        self.pipeline = pipeline
        self.timeMillis = timeMillis
        self.anomalyCounts = anomalyCounts
        self.body = body
        self.legacyRowID = legacyRowID
    }

    /// The number of rows.
    public var rows: Int { anomalyCounts.count }

    /// The number of rows with an anomaly count above 0.
    public var anomalousRows: Int { anomalyCounts.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
}
