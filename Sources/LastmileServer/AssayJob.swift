import Foundation
import LastmileAPI
import LastmileObservability

/// An assay ready to score windows of logged inferences: its field, frozen baseline, summarizer,
/// thresholds and window plan.
struct AssayJob: Sendable {
    var pipeline: String
    var path: AssayIOPath
    var baseline: AssayCalculator.Baseline
    var summarizer: AssaySummarizer
    var thresholds: AssayThresholds?
    var minCount: Int
    var plan: AssayWindowPlan

    /// The job of a stored assay.
    init(_ assay: Assay) throws {
        pipeline = assay.pipeline
        path = try AssayIOPath(assay.iopath)
        summarizer = assay.summarizer
        baseline = try AssayCalculator.Baseline(summary: assay.baseline, outlierBins: assay.summarizer.outlierBins)
        thresholds = assay.thresholds
        minCount = assay.minCount
        plan = try AssayWindowPlan(assay.windows)
    }

    init(pipeline: String, path: AssayIOPath, baseline: AssayCalculator.Baseline, summarizer: AssaySummarizer, thresholds: AssayThresholds?, minCount: Int, plan: AssayWindowPlan) {
        self.pipeline = pipeline
        self.path = path
        self.baseline = baseline
        self.summarizer = summarizer
        self.thresholds = thresholds
        self.minCount = minCount
        self.plan = plan
    }
}

extension Platform {
    /// Scores window `index` of `job`: from the per-minute buckets of assay `bucketsOf` when
    /// they cover the window, else over the logged rows. Blocking (reads the store or the log).
    func scoreWindow(_ job: AssayJob, index: Int, bucketsOf assayId: String? = nil) throws -> AssayWindowResult {
        let (start, end) = job.plan.window(index)
        let summary: AssaySummary
        if let assayId, job.plan.isMinuteAligned, let until = try store.assayBucketsUntil(id: assayId), until >= end {
            let buckets = try store.assayBuckets(id: assayId, start: start, end: end)
            summary = AssayCalculator.window(buckets: buckets, baseline: job.baseline, aggregation: job.summarizer.aggregation)
        } else {
            let values = try loggedValues(pipeline: job.pipeline, path: job.path, start: start, end: end)
            summary = AssayCalculator.window(values, baseline: job.baseline, aggregation: job.summarizer.aggregation)
        }
        let scored = try AssayCalculator.score(window: summary, baseline: job.baseline, summarizer: job.summarizer, thresholds: job.thresholds, minCount: job.minCount)
        return AssayWindowResult(
            start: Date(timeIntervalSince1970: Double(start) / 1000), end: Date(timeIntervalSince1970: Double(end) / 1000),
            score: scored.score, scores: scored.scores, binIndex: scored.binIndex, status: scored.status, summary: summary
        )
    }

    /// The baseline an assay request asks for: its inline values, or the field's values logged
    /// between `start` and `end`. Blocking (reads the log). Throws `badInput` for neither or both.
    func assayBaseline(_ source: AssayBaseline, pipeline: String, path: AssayIOPath, summarizer: AssaySummarizer) throws -> AssayCalculator.Baseline {
        switch (source.values, source.start, source.end) {
        case (let values?, nil, nil):
            return try AssayCalculator.baseline(values.lazy.map { $0 ?? .nan }, summarizer: summarizer)
        case (nil, let start?, let end?):
            guard start < end else { throw AssayError.badInput("baseline.start is not before baseline.end") }
            let values = try loggedValues(pipeline: pipeline, path: path, start: Self.millis(start), end: Self.millis(end))
            guard values.contains(where: \.isFinite) else {
                throw AssayError.badInput("the baseline has no values: pipeline \"\(pipeline)\" logged \(values.count) rows with \(path) between \(APICoding.formatDate(start)) and \(APICoding.formatDate(end)); pick a range with traffic or give baseline.values")
            }
            return try AssayCalculator.baseline(values, summarizer: summarizer)
        case (nil, _, _):
            throw AssayError.badInput("the baseline needs {\"start\", \"end\"} (a range of logged inferences) or {\"values\": [...]}")
        default:
            throw AssayError.badInput("give the baseline as {\"start\", \"end\"} or as {\"values\"}, not both")
        }
    }

    /// Sums the assay's logged rows into per-minute buckets from where its buckets end (or its
    /// first window's start) up to `until`, reading each row once. Blocking.
    func advanceBuckets(assayId: String, job: AssayJob, until: Int64) throws {
        let from = try store.assayBucketsUntil(id: assayId) ?? job.plan.startMillis
        guard until > from else { return }
        var buckets: [Int64: AssayBucket] = [:]
        let empty = AssayBucket(bins: job.baseline.bins)
        try loggedValues(pipeline: job.pipeline, path: job.path, start: from, end: until - 1) { time, value in
            buckets[AssayWindowPlan.minuteStart(time), default: empty].add(value, bins: job.baseline.bins)
        }
        try store.saveAssayBuckets(id: assayId, buckets: buckets, until: until)
    }

    static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
