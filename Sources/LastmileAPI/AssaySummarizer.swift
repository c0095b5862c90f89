import Foundation

/// How an assay places its bin edges.
public enum AssayBinMode: String, Codable, Sendable, CaseIterable {
    /// Edges at the baseline's min, its quantiles 1/n ... (n-1)/n (numpy's linear interpolation)
    /// and its max; duplicate edges collapse into one.
    case quantile
    /// n equal-width bins between the baseline's min and max.
    case equal
    /// The edges the summarizer gives, e0 < e1 < ... < en.
    case provided

    public init(from decoder: any Decoder) throws {
        self = try decodeNamedCase(decoder, what: "bin mode")
    }
}

/// Whether a summary's shares are per bin or running totals.
public enum AssayAggregation: String, Codable, Sendable, CaseIterable {
    /// Each bin's share of the values.
    case density
    /// The running sum of the shares, left to right.
    case cumulative

    public init(from decoder: any Decoder) throws {
        self = try decodeNamedCase(decoder, what: "aggregation")
    }
}

/// The score that compares a window's shares with the baseline's.
public enum AssayMetric: String, Codable, Sendable, CaseIterable {
    /// Population stability index: the sum of (w - b) * ln(w / b), empty shares taken as 0.005.
    case psi
    /// Half the sum of |w - b|.
    case sumdiff
    /// The largest |w - b|, with its bin.
    case maxdiff
    /// Jensen-Shannon distance (base 2) between the binned distributions.
    case js
    /// Kolmogorov-Smirnov statistic: the largest gap between the binned CDFs.
    case ks
    /// 1-Wasserstein distance between the binned distributions, over the baseline's std.
    case wasserstein

    public init(from decoder: any Decoder) throws {
        self = try decodeNamedCase(decoder, what: "metric")
    }
}

/// How values are binned, aggregated and scored: the `summarizer` of an assay.
public struct AssaySummarizer: Codable, Sendable, Equatable {
    public var binMode: AssayBinMode
    /// Bins between the first and last edge, for `quantile` and `equal` (default 5).
    public var numBins: Int?
    /// The edges for `provided`, strictly increasing.
    public var edges: [Double]?
    /// Whether values below the first edge and above the last get bins of their own (default
    /// true). Without them such values join the first or last bin.
    public var outlierBins: Bool
    public var aggregation: AssayAggregation
    public var metric: AssayMetric
    /// One weight per bin (outlier bins included), normalised so that equal weights give the
    /// unweighted score; each weight multiplies its bin's term.
    public var binWeights: [Double]?

    /// The number of bins `numBins` means when not given.
    public static let defaultNumBins = 5

    public init(binMode: AssayBinMode = .quantile, numBins: Int? = nil, edges: [Double]? = nil, outlierBins: Bool = true, aggregation: AssayAggregation = .density, metric: AssayMetric = .psi, binWeights: [Double]? = nil) {
        self.binMode = binMode
        self.numBins = numBins
        self.edges = edges
        self.outlierBins = outlierBins
        self.aggregation = aggregation
        self.metric = metric
        self.binWeights = binWeights
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        binMode = try container.decodeIfPresent(AssayBinMode.self, forKey: .binMode) ?? .quantile
        numBins = try container.decodeIfPresent(Int.self, forKey: .numBins)
        edges = try container.decodeIfPresent([Double].self, forKey: .edges)
        outlierBins = try container.decodeIfPresent(Bool.self, forKey: .outlierBins) ?? true
        aggregation = try container.decodeIfPresent(AssayAggregation.self, forKey: .aggregation) ?? .density
        metric = try container.decodeIfPresent(AssayMetric.self, forKey: .metric) ?? .psi
        binWeights = try container.decodeIfPresent([Double].self, forKey: .binWeights)
    }
}

/// Scores at or above `alert` are alerts, at or above `warning` warnings.
public struct AssayThresholds: Codable, Sendable, Equatable {
    /// No warnings when nil.
    public var warning: Double?
    /// 0.25 when not given.
    public var alert: Double?

    /// The alert threshold when none is given.
    public static let defaultAlert = 0.25

    public init(warning: Double? = nil, alert: Double? = nil) {
        self.warning = warning
        self.alert = alert
    }
}

/// A window's verdict.
public enum AssayStatus: String, Codable, Sendable, CaseIterable {
    case ok
    case warning
    case alert
    /// The window holds fewer values than the assay's `minCount`.
    case insufficientData = "insufficient_data"
}

/// Decodes a string enum, refusing unknown values with a message that lists the known ones.
func decodeNamedCase<T: RawRepresentable & CaseIterable>(_ decoder: any Decoder, what: String) throws -> T where T.RawValue == String {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    if let value = T(rawValue: text) ?? T(rawValue: text.lowercased()) { return value }
    let known = T.allCases.map(\.rawValue).joined(separator: ", ")
    throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown \(what) \"\(text.prefix(40))\"; use one of \(known)")
}
