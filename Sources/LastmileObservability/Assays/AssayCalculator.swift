import Foundation
import LastmileAPI

/// Summarises a field's values over a baseline and a window and scores the window: the
/// calculator every assay endpoint and the scheduler are built on.
///
/// A `Baseline` is computed once (its bins are frozen); windows are binned on its edges.
public enum AssayCalculator {
    /// A summarised baseline: its bins and summary, ready to score windows against.
    public struct Baseline: Sendable, Equatable {
        public var bins: AssayBins
        public var summary: AssaySummary
        /// The baseline's population std, which scales the Wasserstein distance.
        public var std: Double? { summary.std }

        public init(bins: AssayBins, summary: AssaySummary) {
            self.bins = bins
            self.summary = summary
        }

        /// A baseline from a stored summary (its edges and counts), as frozen at creation.
        public init(summary: AssaySummary, outlierBins: Bool) throws {
            guard summary.edges.count >= 2 else { throw AssayError.badInput("the stored baseline has \(summary.edges.count) edges; it needs at least 2") }
            self.bins = AssayBins(edges: summary.edges, outlierBins: outlierBins)
            self.summary = summary
        }
    }

    /// Summarises `values` as a baseline: computes the bins the summarizer asks for.
    ///
    /// Non-finite values count as missing. Throws `badInput` when no value is left or the
    /// summarizer's edges or weights do not fit.
    public static func baseline(_ values: some Sequence<Double>, summarizer: AssaySummarizer) throws -> Baseline {
        let sample = SortedSample(values)
        let (bins, warnings) = try AssayBins.make(for: summarizer, baseline: sample)
        _ = try normalisedWeights(summarizer.binWeights, bins: bins.count)
        var counts = [Int](repeating: 0, count: bins.count)
        for value in sample.values { counts[bins.index(of: value)] += 1 }
        let summary = makeSummary(sample: sample, bins: bins, counts: counts, aggregation: summarizer.aggregation, warnings: warnings)
        return Baseline(bins: bins, summary: summary)
    }

    /// Summarises `values` as a window on the baseline's bins.
    public static func window(_ values: some Sequence<Double>, baseline: Baseline, aggregation: AssayAggregation) -> AssaySummary {
        let sample = SortedSample(values)
        var counts = [Int](repeating: 0, count: baseline.bins.count)
        for value in sample.values { counts[baseline.bins.index(of: value)] += 1 }
        return makeSummary(sample: sample, bins: baseline.bins, counts: counts, aggregation: aggregation, warnings: [])
    }

    /// Scores a window summary against the baseline and gives its status.
    ///
    /// - Parameter minCount: windows with fewer values are `insufficient_data` (at least 1).
    public static func score(window: AssaySummary, baseline: Baseline, summarizer: AssaySummarizer, thresholds: AssayThresholds?, minCount: Int) throws -> AssayScoreResult {
        try check(thresholds)
        guard minCount >= 1 else { throw AssayError.badInput("minCount \(minCount) is below 1") }
        let weights = try normalisedWeights(summarizer.binWeights, bins: baseline.bins.count)
        var warnings = baseline.summary.warnings ?? []
        var score: Double?
        var terms: [Double] = []
        var binIndex: Int?
        if window.count > 0 {
            let scored = AssayScores.compute(
                summarizer.metric, baseline: baseline.summary, window: window, aggregation: summarizer.aggregation,
                centres: baseline.bins.centres, std: baseline.std, weights: weights
            )
            score = scored.score
            terms = scored.terms
            binIndex = scored.binIndex
            if let warning = scored.warning { warnings.append(warning) }
        }
        let status = status(score: score, count: window.count, thresholds: thresholds, minCount: minCount)
        return AssayScoreResult(
            metric: summarizer.metric, score: score, scores: terms, binIndex: binIndex, status: status,
            baseline: baseline.summary, window: window, warnings: warnings.isEmpty ? nil : warnings
        )
    }

    /// Summarises both sides and scores the window: `POST /v1/assays/score`.
    public static func score(baseline values: some Sequence<Double>, window windowValues: some Sequence<Double>, summarizer: AssaySummarizer, thresholds: AssayThresholds?, minCount: Int) throws -> AssayScoreResult {
        try check(thresholds)
        let baseline = try baseline(values, summarizer: summarizer)
        let window = window(windowValues, baseline: baseline, aggregation: summarizer.aggregation)
        return try score(window: window, baseline: baseline, summarizer: summarizer, thresholds: thresholds, minCount: minCount)
    }

    /// `alert` at or above the alert threshold (0.25 by default), `warning` at or above the
    /// warning threshold if any, `insufficient_data` below `minCount` values, else `ok`.
    public static func status(score: Double?, count: Int, thresholds: AssayThresholds?, minCount: Int) -> AssayStatus {
        guard count >= minCount, let score else { return .insufficientData }
        if score >= (thresholds?.alert ?? AssayThresholds.defaultAlert) { return .alert }
        if let warning = thresholds?.warning, score >= warning { return .warning }
        return .ok
    }

    /// Throws `badInput` for non-finite thresholds or a warning above the alert.
    public static func check(_ thresholds: AssayThresholds?) throws {
        guard let thresholds else { return }
        if let warning = thresholds.warning, !warning.isFinite { throw AssayError.badInput("thresholds.warning is not a finite number") }
        if let alert = thresholds.alert, !alert.isFinite { throw AssayError.badInput("thresholds.alert is not a finite number") }
        if let warning = thresholds.warning, warning > (thresholds.alert ?? AssayThresholds.defaultAlert) {
            throw AssayError.badInput("thresholds.warning (\(warning)) is above thresholds.alert (\(thresholds.alert ?? AssayThresholds.defaultAlert)); a warning must come before an alert")
        }
    }

    /// The weights scaled to sum to the number of bins (so equal weights change nothing), or
    /// nil without weights.
    static func normalisedWeights(_ weights: [Double]?, bins: Int) throws -> [Double]? {
        guard let weights else { return nil }
        guard weights.count == bins else {
            throw AssayError.badInput("binWeights has \(weights.count) numbers but there are \(bins) bins (outlier bins included); give one weight per bin")
        }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw AssayError.badInput("binWeights must be finite numbers at or above 0")
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { throw AssayError.badInput("binWeights are all 0; give at least one positive weight") }
        return weights.map { $0 * Double(bins) / total }
    }

    static func makeSummary(sample: SortedSample, bins: AssayBins, counts: [Int], aggregation: AssayAggregation, warnings: [String]) -> AssaySummary {
        let total = sample.values.count
        var shares = counts.map { total > 0 ? Double($0) / Double(total) : 0 }
        if aggregation == .cumulative {
            var running = 0.0
            shares = shares.map { running += $0; return running }
        }
        return AssaySummary(
            count: total, missing: sample.missing, min: sample.values.first, max: sample.values.last,
            mean: sample.mean, median: sample.median, std: sample.std, edges: bins.edges, labels: bins.labels,
            counts: counts, shares: shares, warnings: warnings.isEmpty ? nil : warnings
        )
    }
}
