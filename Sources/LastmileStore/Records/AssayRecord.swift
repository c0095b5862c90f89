import GRDB

/// A row of the `assay` table: a scheduled assay; its configuration and frozen baseline are
/// the JSON `definition`.
struct AssayRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "assay"

    /// The columns of the `assay` table.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let workspaceId = Column(CodingKeys.workspaceId)
        static let pipelineId = Column(CodingKeys.pipelineId)
        static let name = Column(CodingKeys.name)
        static let definition = Column(CodingKeys.definition)
        static let active = Column(CodingKeys.active)
        static let nextWindow = Column(CodingKeys.nextWindow)
        static let createdAt = Column(CodingKeys.createdAt)
        static let bucketsUntil = Column(CodingKeys.bucketsUntil)
    }

    /// A lowercased UUID.
    var id: String
    var workspaceId: String
    var pipelineId: String
    /// Unique in its workspace.
    var name: String
    /// `AssayDefinition` as JSON (`APICoding`).
    var definition: String
    var active: Bool
    /// The index of the next window to score.
    var nextWindow: Int
    /// Milliseconds since 1970.
    var createdAt: Int64
    /// The end (milliseconds since 1970) of the minutes already summed into `assayBucket` rows;
    /// nil before the first. Added by `v3-assay-buckets`.
    var bucketsUntil: Int64?
}

/// A row of the `assayBucket` table: one minute of an assay's binned values.
struct AssayBucketRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "assayBucket"

    /// The columns of the `assayBucket` table.
    enum Columns {
        static let assayId = Column(CodingKeys.assayId)
        static let minute = Column(CodingKeys.minute)
        static let bucket = Column(CodingKeys.bucket)
    }

    var assayId: String
    /// The minute's start, in milliseconds since 1970.
    var minute: Int64
    /// `AssayBucket` as JSON.
    var bucket: String
}

/// A row of the `assayResult` table: one scored window of an assay.
struct AssayResultRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "assayResult"

    /// The columns of the `assayResult` table.
    enum Columns {
        static let assayId = Column(CodingKeys.assayId)
        static let windowStart = Column(CodingKeys.windowStart)
        static let windowEnd = Column(CodingKeys.windowEnd)
        static let status = Column(CodingKeys.status)
        static let score = Column(CodingKeys.score)
        static let result = Column(CodingKeys.result)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var assayId: String
    /// Milliseconds since 1970; with `assayId`, the primary key.
    var windowStart: Int64
    var windowEnd: Int64
    /// An `AssayStatus` raw value.
    var status: String
    var score: Double?
    /// `AssayWindowResult` as JSON.
    var result: String
    var createdAt: Int64
}

/// A row of the `assayAlert` table: the outcome of delivering one alert to a webhook.
struct AssayAlertRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "assayAlert"

    /// The columns of the `assayAlert` table.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let assayId = Column(CodingKeys.assayId)
        static let windowStart = Column(CodingKeys.windowStart)
        static let at = Column(CodingKeys.at)
    }

    var id: Int64?
    var assayId: String
    var windowStart: Int64
    var url: String
    var attempts: Int
    var delivered: Bool
    var statusCode: Int?
    var error: String?
    var at: Int64

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
