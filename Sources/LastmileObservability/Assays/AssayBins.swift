import Foundation
import LastmileAPI

/// The bins of an assay: strictly increasing edges e0 < ... < en (or one degenerate bin [e0, e0]
/// when the baseline has a single distinct value), plus optional outlier bins.
///
/// With outlier bins, bin 0 holds v < e0, bin 1 holds e0 <= v <= e1, bin i holds
/// e(i-1) < v <= ei and bin n + 1 holds v > en. Without them, values below e0 join bin 0
/// (the first inner bin) and values above en join the last.
public struct AssayBins: Sendable, Equatable {
    public let edges: [Double]
    public let outlierBins: Bool

    /// Checked edges; `edges` must hold at least two values, strictly increasing, or two equal
    /// values (the degenerate bin).
    init(edges: [Double], outlierBins: Bool) {
        self.edges = edges
        self.outlierBins = outlierBins
    }

    /// Bins between the first and last edge.
    public var innerCount: Int { edges.count - 1 }

    /// All bins, outlier bins included.
    public var count: Int { innerCount + (outlierBins ? 2 : 0) }

    /// The bin `value` (finite) falls in.
    public func index(of value: Double) -> Int {
        let first = edges[0], last = edges[edges.count - 1]
        let offset = outlierBins ? 1 : 0
        if value < first { return 0 }
        if value > last { return outlierBins ? innerCount + 1 : innerCount - 1 }
        // The smallest i >= 1 with value <= edges[i]; bin i - 1 among the inner bins.
        var low = 1, high = edges.count - 1
        while low < high {
            let middle = (low + high) / 2
            if value <= edges[middle] { high = middle } else { low = middle + 1 }
        }
        return low - 1 + offset
    }

    /// A label per bin: `left_outlier`, `[e0, e1]`, `(e1, e2]`, ..., `right_outlier`.
    public var labels: [String] {
        var labels: [String] = []
        if outlierBins { labels.append("left_outlier") }
        for i in 1..<edges.count {
            let open = i == 1 ? "[" : "("
            labels.append("\(open)\(Self.format(edges[i - 1])), \(Self.format(edges[i]))]")
        }
        if outlierBins { labels.append("right_outlier") }
        return labels
    }

    /// Where each bin's mass sits for the Wasserstein distance: the middle of an inner bin, and
    /// half the neighbouring bin's width beyond the outer edge for an outlier bin.
    var centres: [Double] {
        var centres: [Double] = []
        let first = edges[0], last = edges[edges.count - 1]
        if outlierBins { centres.append(first - (edges[1] - first) / 2) }
        for i in 1..<edges.count { centres.append((edges[i - 1] + edges[i]) / 2) }
        if outlierBins { centres.append(last + (last - edges[edges.count - 2]) / 2) }
        return centres
    }

    /// A short form of an edge for labels: up to 6 significant digits.
    static func format(_ value: Double) -> String {
        var text = String(format: "%.6g", value)
        if text == "-0" { text = "0" }
        return text
    }

    // MARK: - Building

    /// The bins the summarizer asks for, from the baseline sample.
    ///
    /// Returns the bins and warnings (collapsed duplicate edges). Throws `badInput` for an empty
    /// baseline, a bin count out of range, and missing, short, non-finite or unsorted edges.
    static func make(for summarizer: AssaySummarizer, baseline: SortedSample) throws -> (AssayBins, [String]) {
        guard let minimum = baseline.values.first, let maximum = baseline.values.last else {
            throw AssayError.badInput("the baseline has no values\(baseline.missing > 0 ? " (all \(baseline.missing) are missing: NaN or null)" : ""); give at least one number")
        }
        let count = summarizer.numBins ?? AssaySummarizer.defaultNumBins
        var warnings: [String] = []
        switch summarizer.binMode {
        case .provided:
            guard let edges = summarizer.edges else {
                throw AssayError.badInput("binMode provided needs edges: a list of at least 2 increasing numbers, such as [0, 0.5, 1]")
            }
            guard edges.count >= 2 else {
                throw AssayError.badInput("binMode provided has \(edges.count) edge\(edges.count == 1 ? "" : "s"), fewer than needed; give at least 2 (n bins need n + 1 edges)")
            }
            if let bad = edges.firstIndex(where: { !$0.isFinite }) {
                throw AssayError.badInput("edge \(bad) is not a finite number")
            }
            for i in 1..<edges.count where !(edges[i] > edges[i - 1]) {
                throw AssayError.badInput("edges must increase strictly: edge \(i) (\(format(edges[i]))) is not above edge \(i - 1) (\(format(edges[i - 1]))); sort them and drop duplicates")
            }
            return (AssayBins(edges: edges, outlierBins: summarizer.outlierBins), warnings)
        case .quantile, .equal:
            if summarizer.edges != nil {
                throw AssayError.badInput("edges are only for binMode provided; binMode \(summarizer.binMode.rawValue) computes them from the baseline")
            }
            guard (1...1000).contains(count) else {
                throw AssayError.badInput("numBins \(count) is out of range; use 1 to 1000")
            }
            var edges: [Double] = [minimum]
            if summarizer.binMode == .quantile {
                for k in 1..<count { edges.append(baseline.quantile(Double(k) / Double(count))) }
            } else {
                let step = (maximum - minimum) / Double(count)
                for k in 1..<count { edges.append(Double(k) * step + minimum) }
            }
            edges.append(maximum)
            var unique: [Double] = [edges[0]]
            for edge in edges.dropFirst() where edge > unique[unique.count - 1] { unique.append(edge) }
            if unique.count < edges.count {
                let collapsed = edges.count - unique.count
                if unique.count == 1 { unique.append(unique[0]) }
                warnings.append("\(collapsed) duplicate bin edge\(collapsed == 1 ? "" : "s") collapsed because many baseline values are equal; \(unique.count - 1) of \(count) bins remain")
            }
            return (AssayBins(edges: unique, outlierBins: summarizer.outlierBins), warnings)
        }
    }
}
