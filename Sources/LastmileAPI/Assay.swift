import Foundation

/// A scheduled drift check on one field of a pipeline's logged inferences: a frozen baseline
/// summary, compared window by window as the windows close.
public struct Assay: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var workspace: String
    public var pipeline: String
    public var iopath: String
    /// The baseline's summary, computed once at creation; windows are binned on its edges.
    public var baseline: AssaySummary
    /// The logged time range the baseline came from; nil when it was given as values.
    public var baselineStart: Date?
    public var baselineEnd: Date?
    public var windows: AssayWindows
    public var summarizer: AssaySummarizer
    public var thresholds: AssayThresholds
    public var minCount: Int
    /// Alerts are sent after this many breaching windows in a row.
    public var alertAfter: Int
    /// Whether `warning` windows breach too (by default only `alert` ones do).
    public var alertOnWarning: Bool
    /// The URL the scheduler POSTs alerts to.
    public var webhook: String?
    public var active: Bool
    /// The index of the next window the scheduler scores.
    public var nextWindow: Int
    public var createdAt: Date

    public init(id: String, name: String, workspace: String, pipeline: String, iopath: String, baseline: AssaySummary, baselineStart: Date?, baselineEnd: Date?, windows: AssayWindows, summarizer: AssaySummarizer, thresholds: AssayThresholds, minCount: Int, alertAfter: Int, alertOnWarning: Bool, webhook: String?, active: Bool, nextWindow: Int, createdAt: Date) {
        self.id = id
        self.name = name
        self.workspace = workspace
        self.pipeline = pipeline
        self.iopath = iopath
        self.baseline = baseline
        self.baselineStart = baselineStart
        self.baselineEnd = baselineEnd
        self.windows = windows
        self.summarizer = summarizer
        self.thresholds = thresholds
        self.minCount = minCount
        self.alertAfter = alertAfter
        self.alertOnWarning = alertOnWarning
        self.webhook = webhook
        self.active = active
        self.nextWindow = nextWindow
        self.createdAt = createdAt
    }
}

/// `POST /v1/assays`: creates a scheduled assay in a workspace.
public struct CreateAssayRequest: Codable, Sendable, Equatable {
    public var workspace: String
    public var name: String
    public var pipeline: String
    public var iopath: String
    public var baseline: AssayBaseline
    public var windows: AssayWindows
    public var summarizer: AssaySummarizer?
    public var thresholds: AssayThresholds?
    /// Default 100.
    public var minCount: Int?
    /// Default true.
    public var active: Bool?
    public var webhook: String?
    /// Default 1.
    public var alertAfter: Int?
    /// Default false.
    public var alertOnWarning: Bool?

    public init(workspace: String, name: String, pipeline: String, iopath: String, baseline: AssayBaseline, windows: AssayWindows, summarizer: AssaySummarizer? = nil, thresholds: AssayThresholds? = nil, minCount: Int? = nil, active: Bool? = nil, webhook: String? = nil, alertAfter: Int? = nil, alertOnWarning: Bool? = nil) {
        self.workspace = workspace
        self.name = name
        self.pipeline = pipeline
        self.iopath = iopath
        self.baseline = baseline
        self.windows = windows
        self.summarizer = summarizer
        self.thresholds = thresholds
        self.minCount = minCount
        self.active = active
        self.webhook = webhook
        self.alertAfter = alertAfter
        self.alertOnWarning = alertOnWarning
    }
}

/// `POST /v1/assays/{id}/active`.
public struct SetAssayActiveRequest: Codable, Sendable, Equatable {
    public var active: Bool

    public init(active: Bool) {
        self.active = active
    }
}

/// One attempt series at delivering an alert to an assay's webhook.
public struct AssayAlertDelivery: Codable, Sendable, Equatable {
    public var assayId: String
    public var windowStart: Date
    public var url: String
    public var attempts: Int
    public var delivered: Bool
    /// The last HTTP status the webhook answered, if it answered.
    public var statusCode: Int?
    /// Why the last attempt failed, if it did.
    public var error: String?
    public var at: Date

    public init(assayId: String, windowStart: Date, url: String, attempts: Int, delivered: Bool, statusCode: Int?, error: String?, at: Date) {
        self.assayId = assayId
        self.windowStart = windowStart
        self.url = url
        self.attempts = attempts
        self.delivered = delivered
        self.statusCode = statusCode
        self.error = error
        self.at = at
    }
}

/// The JSON an alert webhook receives.
public struct AssayAlert: Codable, Sendable, Equatable {
    public var assay: String
    public var assayId: String
    public var workspace: String
    public var pipeline: String
    public var iopath: String
    public var metric: AssayMetric
    public var window: AssayWindowResult
    public var baseline: AssaySummary
    /// Breaching windows in a row, this one included.
    public var consecutive: Int

    public init(assay: String, assayId: String, workspace: String, pipeline: String, iopath: String, metric: AssayMetric, window: AssayWindowResult, baseline: AssaySummary, consecutive: Int) {
        self.assay = assay
        self.assayId = assayId
        self.workspace = workspace
        self.pipeline = pipeline
        self.iopath = iopath
        self.metric = metric
        self.window = window
        self.baseline = baseline
        self.consecutive = consecutive
    }
}
