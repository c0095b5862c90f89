import Foundation

/// The summary of one field's values over a baseline or a window, binned on the baseline's edges.
///
/// `count` is the values that were binned; `missing` the NaN (or null) values left out of the
/// shares. `counts` and `shares` have one entry per bin: the left outlier bin first and the
/// right outlier bin last when the summarizer has outlier bins.
public struct AssaySummary: Codable, Sendable, Equatable {
    public var count: Int
    public var missing: Int
    /// Nil when there are no values; likewise `max`, `mean`, `median` and `std`.
    public var min: Double?
    public var max: Double?
    public var mean: Double?
    /// numpy's median (the mean of the two middle values for an even count).
    public var median: Double?
    /// The population standard deviation (numpy's default, ddof 0).
    public var std: Double?
    public var edges: [Double]
    public var labels: [String]
    public var counts: [Int]
    /// Each bin's share of `count` (or running shares, for `cumulative` aggregation).
    public var shares: [Double]
    /// Things the summary changed or could not do, such as collapsed duplicate edges.
    public var warnings: [String]?

    public init(count: Int, missing: Int, min: Double?, max: Double?, mean: Double?, median: Double?, std: Double?, edges: [Double], labels: [String], counts: [Int], shares: [Double], warnings: [String]? = nil) {
        self.count = count
        self.missing = missing
        self.min = min
        self.max = max
        self.mean = mean
        self.median = median
        self.std = std
        self.edges = edges
        self.labels = labels
        self.counts = counts
        self.shares = shares
        self.warnings = warnings
    }
}

/// Values given inline; `null` counts as missing.
public struct AssayValues: Codable, Sendable, Equatable {
    public var values: [Double?]

    public init(values: [Double?]) {
        self.values = values
    }
}

/// `POST /v1/assays/score`: scores a window of values against a baseline of values.
public struct AssayScoreRequest: Codable, Sendable, Equatable {
    public var baseline: AssayValues
    public var window: AssayValues
    public var summarizer: AssaySummarizer?
    public var thresholds: AssayThresholds?
    /// Fewer window values than this give `insufficient_data` (default 1 here).
    public var minCount: Int?

    public init(baseline: AssayValues, window: AssayValues, summarizer: AssaySummarizer? = nil, thresholds: AssayThresholds? = nil, minCount: Int? = nil) {
        self.baseline = baseline
        self.window = window
        self.summarizer = summarizer
        self.thresholds = thresholds
        self.minCount = minCount
    }
}

/// A window scored against a baseline.
public struct AssayScoreResult: Codable, Sendable, Equatable {
    public var metric: AssayMetric
    /// Nil when the window has no values to score.
    public var score: Double?
    /// Each bin's (weighted) term of the score.
    public var scores: [Double]
    /// The bin whose term decides or contributes most to the score (0 = the left outlier bin
    /// when there are outlier bins); for `maxdiff` the bin of the largest difference.
    public var binIndex: Int?
    public var status: AssayStatus
    public var baseline: AssaySummary
    public var window: AssaySummary
    public var warnings: [String]?

    public init(metric: AssayMetric, score: Double?, scores: [Double], binIndex: Int?, status: AssayStatus, baseline: AssaySummary, window: AssaySummary, warnings: [String]? = nil) {
        self.metric = metric
        self.score = score
        self.scores = scores
        self.binIndex = binIndex
        self.status = status
        self.baseline = baseline
        self.window = window
        self.warnings = warnings
    }
}
