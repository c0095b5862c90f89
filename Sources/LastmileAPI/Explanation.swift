/// How SHAP values are computed.
public enum ExplainMethod: String, Codable, Sendable, CaseIterable {
    /// The exact method that fits the model and is fastest: linear, then tree, then exact when
    /// there are at most 12 features, else kernel.
    case auto
    /// Every coalition of features, evaluated against the background.
    case exact
    /// KernelSHAP: sampled coalitions, Shapley kernel weights, constrained least squares.
    case kernel
    /// Closed form `w * (x - mean)` for a model whose served output is affine in its input.
    case linear
    /// Interventional TreeSHAP over an ONNX tree ensemble whose served output is its raw sum.
    case tree
}

/// Where background rows come from: given rows, or a sample of logged inferences.
public enum ExplainBackground: Codable, Sendable, Equatable {
    /// Records JSON rows (objects mapping each pipeline input to a row value).
    case rows([JSONValue])
    /// Up to `samples` rows from the pipeline's inference log between `start` and `end`
    /// (milliseconds since 1970 or ISO 8601 times; either may be omitted).
    case log(start: String?, end: String?, samples: Int?)

    private enum CodingKeys: String, CodingKey { case start, end, samples }

    public init(from decoder: any Decoder) throws {
        if let rows = try? decoder.singleValueContainer().decode([JSONValue].self) {
            self = .rows(rows)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self = .log(
            start: try Self.time(container, .start), end: try Self.time(container, .end),
            samples: try container.decodeIfPresent(Int.self, forKey: .samples))
    }

    private static func time(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        if let millis = try? container.decodeIfPresent(Int64.self, forKey: key) { return String(millis) }
        return try container.decodeIfPresent(String.self, forKey: key)
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .rows(let rows):
            var container = encoder.singleValueContainer()
            try container.encode(rows)
        case .log(let start, let end, let samples):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(start, forKey: .start)
            try container.encodeIfPresent(end, forKey: .end)
            try container.encodeIfPresent(samples, forKey: .samples)
        }
    }
}

/// `POST /v1/pipelines/{p}/explain`: SHAP values for some rows.
public struct ExplainRequest: Codable, Sendable, Equatable {
    /// Records JSON rows to explain.
    public var rows: [JSONValue]
    public var background: ExplainBackground
    /// The pipeline output to explain; default: the first floating-point output.
    public var output: String?
    public var method: ExplainMethod?
    /// KernelSHAP's coalition budget (default `2 * features + 2048`).
    public var samples: Int?
    /// Seeds KernelSHAP's sampling (default 0).
    public var seed: UInt64?
    /// Names for the features, in input order (default `<input>[i]`).
    public var featureNames: [String]?

    private enum CodingKeys: String, CodingKey {
        case rows, background, output, method, samples, seed
        case featureNames = "feature_names"
    }

    public init(rows: [JSONValue], background: ExplainBackground, output: String? = nil, method: ExplainMethod? = nil, samples: Int? = nil, seed: UInt64? = nil, featureNames: [String]? = nil) {
        self.rows = rows
        self.background = background
        self.output = output
        self.method = method
        self.samples = samples
        self.seed = seed
        self.featureNames = featureNames
    }
}

/// Local SHAP values: `values[row][feature][output]`, with
/// `sum over features of values[row][.][o] + baseValues[o]` equal to the row's prediction.
public struct Explanation: Codable, Sendable, Equatable {
    /// The method that computed the values (never `auto`).
    public var method: ExplainMethod
    public var features: [String]
    /// The explained output's elements: `<output>[i]`, or the output's name for one element.
    public var outputs: [String]
    /// The mean of each output element over the background.
    public var baseValues: [Double]
    public var values: [[[Double]]]

    private enum CodingKeys: String, CodingKey {
        case method, features, outputs, values
        case baseValues = "base_values"
    }

    public init(method: ExplainMethod, features: [String], outputs: [String], baseValues: [Double], values: [[[Double]]]) {
        self.method = method
        self.features = features
        self.outputs = outputs
        self.baseValues = baseValues
        self.values = values
    }
}

/// `POST /v1/pipelines/{p}/explain/global`: which features matter overall, and how.
public struct GlobalExplainRequest: Codable, Sendable, Equatable {
    /// The data: records rows or a sample of logged inferences.
    public var background: ExplainBackground
    /// Rows of the data whose SHAP values are averaged (a seeded sample; default 50).
    public var rows: Int?
    public var output: String?
    public var method: ExplainMethod?
    public var samples: Int?
    public var seed: UInt64?
    public var featureNames: [String]?

    private enum CodingKeys: String, CodingKey {
        case background, rows, output, method, samples, seed
        case featureNames = "feature_names"
    }

    public init(background: ExplainBackground, rows: Int? = nil, output: String? = nil, method: ExplainMethod? = nil, samples: Int? = nil, seed: UInt64? = nil, featureNames: [String]? = nil) {
        self.background = background
        self.rows = rows
        self.output = output
        self.method = method
        self.samples = samples
        self.seed = seed
        self.featureNames = featureNames
    }
}

/// One feature's partial dependence (`average[grid][output]`) and ICE curves
/// (`ice[row][grid][output]`, for the rows `GlobalExplanation.iceRows` names).
public struct FeatureDependence: Codable, Sendable, Equatable {
    public var feature: String
    public var grid: [Double]
    public var average: [[Double]]
    public var ice: [[[Double]]]

    public init(feature: String, grid: [Double], average: [[Double]], ice: [[[Double]]]) {
        self.feature = feature
        self.grid = grid
        self.average = average
        self.ice = ice
    }
}

/// Global SHAP: mean |SHAP| per feature and output over sampled rows, and partial dependence.
public struct GlobalExplanation: Codable, Sendable, Equatable {
    public var method: ExplainMethod
    public var features: [String]
    public var outputs: [String]
    public var baseValues: [Double]
    /// `meanAbs[feature][output]`.
    public var meanAbs: [[Double]]
    /// Indices (into the data) of the rows whose SHAP values were averaged.
    public var explainedRows: [Int]
    /// Indices (into the data) of the ICE rows, in the order of each curve's `ice`.
    public var iceRows: [Int]
    public var partialDependence: [FeatureDependence]

    private enum CodingKeys: String, CodingKey {
        case method, features, outputs
        case baseValues = "base_values"
        case meanAbs = "mean_abs"
        case explainedRows = "explained_rows"
        case iceRows = "ice_rows"
        case partialDependence = "partial_dependence"
    }

    public init(method: ExplainMethod, features: [String], outputs: [String], baseValues: [Double], meanAbs: [[Double]], explainedRows: [Int], iceRows: [Int], partialDependence: [FeatureDependence]) {
        self.method = method
        self.features = features
        self.outputs = outputs
        self.baseValues = baseValues
        self.meanAbs = meanAbs
        self.explainedRows = explainedRows
        self.iceRows = iceRows
        self.partialDependence = partialDependence
    }
}
