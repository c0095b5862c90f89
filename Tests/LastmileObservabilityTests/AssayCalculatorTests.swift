import Foundation
import LastmileAPI
import LastmileObservability
import Testing

// Expected values were computed independently with numpy 2.4 (np.quantile, np.linspace,
// np.searchsorted for the bins) and scipy 1.17 (jensenshannon base 2, wasserstein_distance on
// the bin centres), never by the code under test.

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * Swift.max(1, abs(b))
}

/// `count` copies of `value`.
private func repeated(_ value: Double, _ count: Int) -> [Double] { [Double](repeating: value, count: count) }

private func score(_ metric: AssayMetric, _ baseline: [Double], _ window: [Double], _ summarizer: AssaySummarizer) throws -> AssayScoreResult {
    var summarizer = summarizer
    summarizer.metric = metric
    return try AssayCalculator.score(baseline: baseline, window: window, summarizer: summarizer, thresholds: nil, minCount: 1)
}

@Test func theIssuesWorkedExampleScoresAsPublished() throws {
    // Given values that fill bins [0, 363, 362, 363, 362, 363, 0] and [6, 345, 377, 333, 385, 365, 1]
    let baseline = repeated(0.5, 363) + repeated(1.5, 362) + repeated(2.5, 363) + repeated(3.5, 362) + repeated(4.5, 363)
    let window = repeated(-1, 6) + repeated(0.5, 345) + repeated(1.5, 377) + repeated(2.5, 333) + repeated(3.5, 385) + repeated(4.5, 365) + [6]
    let summarizer = AssaySummarizer(binMode: .provided, edges: [0, 1, 2, 3, 4, 5])
    // When scored with each anchor metric
    let psi = try score(.psi, baseline, window, summarizer)
    let sumdiff = try score(.sumdiff, baseline, window, summarizer)
    let maxdiff = try score(.maxdiff, baseline, window, summarizer)
    // Then the counts and scores are the published ones
    #expect(psi.baseline.counts == [0, 363, 362, 363, 362, 363, 0])
    #expect(psi.window.counts == [6, 345, 377, 333, 385, 365, 1])
    #expect(close(psi.score, 0.013551035434377596))
    #expect(close(sumdiff.score, 0.02626907215365116))
    #expect(close(maxdiff.score, 0.016445794354971288))
    #expect(maxdiff.binIndex == 3)
    #expect(psi.status == .ok)
    #expect(close(psi.scores.reduce(0, +), 0.013551035434377596))
}

@Test func quantileEdgesFollowNumpyAndCollapseTiesWithAWarning() throws {
    // Given a baseline where the 20% and 40% quantiles are both 2, and a window with values
    // exactly on edges, below, above, and NaN
    let baseline: [Double] = [1, 2, 2, 2, 2, 3, 4, 5, 6, 7]
    let window: [Double] = [0, 1, 2, 2.0, 3.4, 5.2, 7, 8, .nan]
    let summarizer = AssaySummarizer(binMode: .quantile, numBins: 5)
    // When scored
    let result = try score(.psi, baseline, window, summarizer)
    // Then the duplicate edge collapsed into 4 bins, with a warning
    #expect(result.baseline.edges == [1, 2, 3.3999999999999995, 5.2, 7])
    #expect(result.baseline.warnings?.first?.contains("collapsed") == true)
    #expect(result.warnings?.isEmpty == false)
    #expect(result.baseline.counts == [0, 5, 1, 2, 2, 0])
    // and values on an edge belong to the bin the edge closes; 3.4 lies just above 3.3999999999999995
    #expect(result.window.counts == [1, 3, 0, 2, 1, 1])
    #expect(result.window.missing == 1 && result.window.count == 8)
    #expect(result.baseline.labels.first == "left_outlier" && result.baseline.labels.last == "right_outlier")
    #expect(result.baseline.labels[1] == "[1, 2]" && result.baseline.labels[2] == "(2, 3.4]")
    #expect(close(result.baseline.mean, 3.4) && close(result.baseline.median, 2.5) && close(result.baseline.std, 1.9078784028338915))
    #expect(close(result.window.mean, 3.575) && close(result.window.median, 2.7) && close(result.window.std, 2.7008100636660846))
    #expect(close(result.score, 1.1394924727716105))
    #expect(close(try score(.sumdiff, baseline, window, summarizer).score, 0.3))
    let maxdiff = try score(.maxdiff, baseline, window, summarizer)
    #expect(close(maxdiff.score, 0.125) && maxdiff.binIndex == 0)
    #expect(close(try score(.js, baseline, window, summarizer).score, 0.4356255602624204))
    #expect(close(try score(.ks, baseline, window, summarizer).score, 0.125))
    #expect(close(try score(.wasserstein, baseline, window, summarizer).score, 0.3144854510165755))
}

@Test func equalBinsSpanTheBaselineAndOutliersFillBothSides() throws {
    // Given 0...10 in 4 equal bins and a window reaching past both ends
    let baseline = (0...10).map(Double.init)
    let window: [Double] = [-3, 0, 2.5, 2.6, 5, 9.9, 10, 10.5, 11]
    let summarizer = AssaySummarizer(binMode: .equal, numBins: 4)
    let result = try score(.psi, baseline, window, summarizer)
    #expect(result.baseline.edges == [0, 2.5, 5, 7.5, 10])
    #expect(result.baseline.counts == [0, 3, 3, 2, 3, 0])
    #expect(result.window.counts == [1, 2, 2, 0, 2, 2])
    #expect(close(result.score, 1.8196914811827458))
    #expect(result.status == .alert)
    #expect(close(try score(.sumdiff, baseline, window, summarizer).score, 0.3333333333333333))
    let maxdiff = try score(.maxdiff, baseline, window, summarizer)
    #expect(close(maxdiff.score, 0.2222222222222222) && maxdiff.binIndex == 5)
    #expect(close(try score(.js, baseline, window, summarizer).score, 0.512992938205116))
    #expect(close(try score(.ks, baseline, window, summarizer).score, 0.2222222222222222))
    #expect(close(try score(.wasserstein, baseline, window, summarizer).score, 0.4551763298727213))
}

@Test func withoutOutlierBinsOuterValuesJoinTheEndBinsAndCumulativeSharesRun() throws {
    let baseline = [0.1, 0.2, 0.35, 0.5, 0.6, 0.9, 0.95]
    let window: [Double] = [-1, 0.1, 0.25, 0.3, 0.7, 2]
    let summarizer = AssaySummarizer(binMode: .provided, edges: [0, 0.25, 0.5, 1], outlierBins: false, aggregation: .cumulative)
    let result = try score(.psi, baseline, window, summarizer)
    #expect(result.baseline.counts == [2, 2, 3])
    #expect(result.window.counts == [3, 1, 2])
    #expect(close(result.window.shares[0], 0.5) && close(result.window.shares[1], 4.0 / 6) && close(result.window.shares[2], 1))
    #expect(close(result.score, 0.13459868596971042))
    #expect(close(try score(.sumdiff, baseline, window, summarizer).score, 0.15476190476190477))
    let maxdiff = try score(.maxdiff, baseline, window, summarizer)
    #expect(close(maxdiff.score, 0.2142857142857143) && maxdiff.binIndex == 0)
    #expect(close(try score(.js, baseline, window, summarizer).score, 0.19257777002254542))
    #expect(close(try score(.ks, baseline, window, summarizer).score, 0.2142857142857143))
    #expect(close(try score(.wasserstein, baseline, window, summarizer).score, 0.2944642796447159))
}

@Test func binWeightsScaleTermsAndEqualWeightsChangeNothing() throws {
    let baseline = [0.1, 0.2, 0.35, 0.5, 0.6, 0.9, 0.95]
    let window: [Double] = [-1, 0.1, 0.25, 0.3, 0.7, 2]
    var summarizer = AssaySummarizer(binMode: .provided, edges: [0, 0.25, 0.5, 1], binWeights: [1, 2, 0, 1, 1])
    #expect(close(try score(.psi, baseline, window, summarizer).score, 1.395827063384851))
    #expect(close(try score(.sumdiff, baseline, window, summarizer).score, 0.3452380952380952))
    let maxdiff = try score(.maxdiff, baseline, window, summarizer)
    #expect(close(maxdiff.score, 0.26190476190476186) && maxdiff.binIndex == 3)
    for metric in AssayMetric.allCases {
        summarizer.binWeights = [3, 3, 3, 3, 3]
        let weighted = try score(metric, baseline, window, summarizer)
        summarizer.binWeights = nil
        let plain = try score(metric, baseline, window, summarizer)
        #expect(close(weighted.score, plain.score ?? .nan), "\(metric)")
    }
}

/// A larger case: the bin mode and count, the expected counts, the six scores in the order
/// psi, sumdiff, maxdiff, js, ks, wasserstein, and maxdiff's bin.
struct ReferenceCase: Sendable, CustomStringConvertible {
    var mode: AssayBinMode
    var bins: Int
    var baselineCounts: [Int]
    var windowCounts: [Int]
    var expected: [Double]
    var maxBin: Int
    var description: String { "\(mode.rawValue) \(bins)" }
}

private let referenceCases = [
    ReferenceCase(mode: .quantile, bins: 8, baselineCounts: [0, 63, 62, 63, 62, 62, 63, 62, 63, 0], windowCounts: [14, 33, 34, 34, 34, 34, 32, 34, 34, 17],
                  expected: [0.2304150633491454, 0.10333333333333335, 0.056666666666666664, 0.2319783631511415, 0.056666666666666754, 0.11066108887233823], maxBin: 9),
    ReferenceCase(mode: .equal, bins: 6, baselineCounts: [0, 84, 82, 83, 84, 83, 84, 0], windowCounts: [14, 44, 45, 45, 45, 46, 44, 17],
                  expected: [0.2302103914009726, 0.10333333333333337, 0.056666666666666664, 0.23189919262732647, 0.05666666666666664, 0.11691074022069946], maxBin: 7),
]

private func formulaValues(_ count: Int, multiplier: Int, divisor: Double, offset: Double, period: Int, step: Double) -> [Double] {
    var values: [Double] = []
    for i in 1...count {
        let whole = Double((i * multiplier) % 1000) / divisor
        values.append(whole + offset + Double(i % period) * step)
    }
    return values
}

@Test(arguments: referenceCases)
func largerSamplesMatchTheReference(_ reference: ReferenceCase) throws {
    // Given 500 baseline and 300 window values from fixed formulas
    let baseline = formulaValues(500, multiplier: 7919, divisor: 10, offset: 0, period: 7, step: 0.013)
    let window = formulaValues(300, multiplier: 104729, divisor: 9, offset: -5, period: 5, step: 0.021)
    let summarizer = AssaySummarizer(binMode: reference.mode, numBins: reference.bins)
    let metrics: [AssayMetric] = [.psi, .sumdiff, .maxdiff, .js, .ks, .wasserstein]
    for (metric, value) in zip(metrics, reference.expected) {
        let result = try score(metric, baseline, window, summarizer)
        #expect(result.baseline.counts == reference.baselineCounts)
        #expect(result.window.counts == reference.windowCounts)
        #expect(close(result.score, value, 1e-9), "\(metric): \(String(describing: result.score)) vs \(value)")
        if metric == .maxdiff { #expect(result.binIndex == reference.maxBin) }
    }
    #expect(close(try score(.psi, baseline, window, summarizer).baseline.std, 28.824041261209643))
}

@Test func statusFollowsThresholdsAndMinCount() {
    #expect(AssayCalculator.status(score: 0.3, count: 100, thresholds: nil, minCount: 100) == .alert)
    #expect(AssayCalculator.status(score: 0.25, count: 100, thresholds: nil, minCount: 1) == .alert)
    #expect(AssayCalculator.status(score: 0.2, count: 100, thresholds: nil, minCount: 1) == .ok)
    #expect(AssayCalculator.status(score: 0.2, count: 100, thresholds: AssayThresholds(warning: 0.1), minCount: 1) == .warning)
    #expect(AssayCalculator.status(score: 0.05, count: 100, thresholds: AssayThresholds(warning: 0.1, alert: 0.5), minCount: 1) == .ok)
    #expect(AssayCalculator.status(score: 0.6, count: 99, thresholds: nil, minCount: 100) == .insufficientData)
    #expect(AssayCalculator.status(score: nil, count: 0, thresholds: nil, minCount: 1) == .insufficientData)
}

@Test func aConstantBaselineGetsOneDegenerateBin() throws {
    let result = try score(.psi, [3, 3, 3], [2, 3, 4], AssaySummarizer(numBins: 4))
    #expect(result.baseline.edges == [3, 3])
    #expect(result.baseline.counts == [0, 3, 0])
    #expect(result.window.counts == [1, 1, 1])
    #expect(result.baseline.warnings?.isEmpty == false)
}

@Test(arguments: [
    (AssaySummarizer(), [Double](), "no values"),
    (AssaySummarizer(binMode: .provided), [1.0], "needs edges"),
    (AssaySummarizer(binMode: .provided, edges: [1]), [1.0], "fewer than needed"),
    (AssaySummarizer(binMode: .provided, edges: [0, 2, 1]), [1.0], "increase strictly"),
    (AssaySummarizer(binMode: .provided, edges: [0, 1, 1]), [1.0], "increase strictly"),
    (AssaySummarizer(numBins: 0), [1.0], "numBins"),
    (AssaySummarizer(binWeights: [1, 1]), [1.0, 2, 3], "binWeights has 2"),
    (AssaySummarizer(binMode: .equal, edges: [0, 1]), [1.0], "only for binMode provided"),
])
func badSummarizersAreRefusedNamingTheProblem(summarizer: AssaySummarizer, baseline: [Double], message: String) {
    #expect {
        try AssayCalculator.score(baseline: baseline, window: [1], summarizer: summarizer, thresholds: nil, minCount: 1)
    } throws: { error in
        (error as? AssayError)?.message.contains(message) == true
    }
}

@Test func allMissingBaselineAndInvertedThresholdsAreRefused() {
    #expect(throws: AssayError.self) { try AssayCalculator.score(baseline: [.nan, .nan], window: [1], summarizer: AssaySummarizer(), thresholds: nil, minCount: 1) }
    #expect(throws: AssayError.self) { try AssayCalculator.score(baseline: [1, 2], window: [1], summarizer: AssaySummarizer(), thresholds: AssayThresholds(warning: 0.5, alert: 0.2), minCount: 1) }
}

@Test func unknownMetricAndBinModeNamesAreDecodingErrorsThatSayWhich() {
    let json = #"{"binMode": "fancy"}"#
    #expect { try APICoding.decoder().decode(AssaySummarizer.self, from: Data(json.utf8)) } throws: { error in
        "\(error)".contains("unknown bin mode \"fancy\"")
    }
    #expect { try APICoding.decoder().decode(AssaySummarizer.self, from: Data(#"{"metric": "kl"}"#.utf8)) } throws: { error in
        "\(error)".contains("unknown metric \"kl\"")
    }
}

@Test func bucketsMergeIntoTheSummaryOfAllTheirValues() throws {
    // Given values [1, 2, 3, NaN, 10, -4] over edges [0, 2, 5], split into four buckets (one empty)
    let baseline = try AssayCalculator.baseline([0.5, 4], summarizer: AssaySummarizer(binMode: .provided, edges: [0, 2, 5]))
    var buckets: [AssayBucket] = []
    for part in [[1.0, 2], [3, .nan], [], [10, -4]] {
        var bucket = AssayBucket(bins: baseline.bins)
        for value in part { bucket.add(value, bins: baseline.bins) }
        buckets.append(bucket)
    }
    // When summed into a window summary
    let summary = AssayCalculator.window(buckets: buckets, baseline: baseline, aggregation: .density)
    // Then it holds what a summary of all the values holds, by hand: mean 12/5, population
    // variance (1.96 + 0.16 + 0.36 + 57.76 + 40.96) / 5 = 20.24, and no median
    #expect(summary.counts == [1, 2, 1, 1])
    #expect(summary.count == 5 && summary.missing == 1)
    #expect(summary.min == -4 && summary.max == 10)
    #expect(close(summary.mean, 2.4) && close(summary.std, 20.24.squareRoot()))
    #expect(summary.median == nil && summary.warnings?.first?.contains("median") == true)
    #expect(close(summary.shares[1], 0.4))
}
