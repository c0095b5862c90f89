import Foundation

/// Where an assay's baseline comes from: logged inferences between `start` and `end`, or
/// `values` given inline (null counts as missing).
public struct AssayBaseline: Codable, Sendable, Equatable {
    public var start: Date?
    public var end: Date?
    public var values: [Double?]?

    public init(start: Date? = nil, end: Date? = nil, values: [Double?]? = nil) {
        self.start = start
        self.end = end
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        start = try container.decodeTimeIfPresent(forKey: .start)
        end = try container.decodeTimeIfPresent(forKey: .end)
        values = try container.decodeIfPresent([Double?].self, forKey: .values)
    }
}

/// The windows an assay scores: window i covers [start + i * interval, start + i * interval + width).
public struct AssayWindows: Codable, Sendable, Equatable {
    public var start: Date
    /// A duration such as `30s`, `15m`, `1h` or `1d`.
    public var width: String
    /// The step from one window's start to the next (default: `width`).
    public var interval: String?
    /// How many windows a preview scores (default: those closed by now, at most 1,000).
    public var count: Int?

    public init(start: Date, width: String, interval: String? = nil, count: Int? = nil) {
        self.start = start
        self.width = width
        self.interval = interval
        self.count = count
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        start = try container.decodeTime(forKey: .start)
        width = try container.decode(String.self, forKey: .width)
        interval = try container.decodeIfPresent(String.self, forKey: .interval)
        count = try container.decodeIfPresent(Int.self, forKey: .count)
    }
}

/// `POST /v1/assays/preview`: scores windows of a pipeline's logged inferences without storing anything.
public struct AssayPreviewRequest: Codable, Sendable, Equatable {
    public var pipeline: String
    /// The field, such as `out.dense_3[0]` or `in.tensor[4]`.
    public var iopath: String
    public var baseline: AssayBaseline
    public var windows: AssayWindows
    public var summarizer: AssaySummarizer?
    public var thresholds: AssayThresholds?
    /// Windows with fewer values are `insufficient_data` (default 100).
    public var minCount: Int?

    public init(pipeline: String, iopath: String, baseline: AssayBaseline, windows: AssayWindows, summarizer: AssaySummarizer? = nil, thresholds: AssayThresholds? = nil, minCount: Int? = nil) {
        self.pipeline = pipeline
        self.iopath = iopath
        self.baseline = baseline
        self.windows = windows
        self.summarizer = summarizer
        self.thresholds = thresholds
        self.minCount = minCount
    }
}

/// One scored window.
public struct AssayWindowResult: Codable, Sendable, Equatable {
    public var start: Date
    /// The window's end (exclusive).
    public var end: Date
    public var score: Double?
    public var scores: [Double]
    public var binIndex: Int?
    public var status: AssayStatus
    public var summary: AssaySummary

    public init(start: Date, end: Date, score: Double?, scores: [Double], binIndex: Int?, status: AssayStatus, summary: AssaySummary) {
        self.start = start
        self.end = end
        self.score = score
        self.scores = scores
        self.binIndex = binIndex
        self.status = status
        self.summary = summary
    }
}

/// The reply of a preview: the baseline's summary and each window's result, oldest first.
public struct AssayPreviewReply: Codable, Sendable, Equatable {
    public var metric: AssayMetric
    public var baseline: AssaySummary
    public var windows: [AssayWindowResult]

    public init(metric: AssayMetric, baseline: AssaySummary, windows: [AssayWindowResult]) {
        self.metric = metric
        self.baseline = baseline
        self.windows = windows
    }
}

extension KeyedDecodingContainer {
    /// A time given as an ISO 8601 string or as milliseconds since 1970.
    func decodeTime(forKey key: Key) throws -> Date {
        if let millis = try? decode(Int64.self, forKey: key) {
            return Date(timeIntervalSince1970: Double(millis) / 1000)
        }
        let text = try decode(String.self, forKey: key)
        guard let date = APICoding.parseDate(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\"\(text.prefix(40))\" is neither an ISO 8601 time such as 2026-11-26T20:00:00Z nor milliseconds since 1970")
        }
        return date
    }

    func decodeTimeIfPresent(forKey key: Key) throws -> Date? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeTime(forKey: key)
    }
}
