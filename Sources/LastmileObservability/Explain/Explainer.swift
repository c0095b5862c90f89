import LastmileAPI

/// Picks and runs a SHAP method for one explained function.
///
/// The structural methods need to know the model: `linear` and `tree` are offered as the
/// result of extracting a `LinearModel` or `TreeModel` from the served model (the error says
/// why a model does not fit), and `exact` and `kernel` work on any `Predictor`.
public struct Explainer: Sendable {
    /// Runs CPU-bound work that needs no model call (TreeSHAP, the linear closed form) where
    /// the caller wants it; the server runs it on a dedicated thread.
    public typealias Offload = @Sendable (_ work: @escaping @Sendable () throws -> ShapleyValues) async throws -> ShapleyValues

    /// Features up to which `auto` chooses exact enumeration.
    public static let autoExactFeatures = 12

    public var predictor: any Predictor
    /// Output elements per row.
    public var outputs: Int
    public var linear: Result<LinearModel, ExplainError>
    public var tree: Result<TreeModel, ExplainError>
    public var options: ExplainOptions
    public var offload: Offload

    public init(
        predictor: any Predictor, outputs: Int,
        linear: Result<LinearModel, ExplainError> = .failure(ExplainError(.badInput, "the model's structure is unknown")),
        tree: Result<TreeModel, ExplainError> = .failure(ExplainError(.badInput, "the model's structure is unknown")),
        options: ExplainOptions = ExplainOptions(),
        offload: @escaping Offload = { try $0() }
    ) {
        self.predictor = predictor
        self.outputs = outputs
        self.linear = linear
        self.tree = tree
        self.options = options
        self.offload = offload
    }

    /// The method `method` stands for with `features` features (auto resolved), or a
    /// `badInput` error saying why the model or the feature count rules it out.
    public func resolve(_ method: ExplainMethod, features: Int) throws -> ExplainMethod {
        switch method {
        case .auto:
            if case .success(let model) = linear, model.features == features, model.outputs == outputs { return .linear }
            if case .success(let model) = tree, model.features == features, model.outputs == outputs { return .tree }
            return features <= Self.autoExactFeatures ? .exact : .kernel
        case .linear:
            let model = try linear.get()
            try Self.check(features: model.features, outputs: model.outputs, against: features, outputs, method: "linear")
            return .linear
        case .tree:
            let model = try tree.get()
            try Self.check(features: model.features, outputs: model.outputs, against: features, outputs, method: "tree")
            return .tree
        case .exact:
            guard features <= ExactExplainer.maxFeatures else {
                throw ExplainError(.badInput, "exact SHAP allows at most \(ExactExplainer.maxFeatures) features, the pipeline has \(features); use method \"kernel\"")
            }
            return .exact
        case .kernel:
            return .kernel
        }
    }

    private static func check(features: Int, outputs: Int, against wantedFeatures: Int, _ wantedOutputs: Int, method: String) throws {
        guard features == wantedFeatures, outputs == wantedOutputs else {
            throw ExplainError(.badInput, "the \(method) method found a model of \(features) features and \(outputs) outputs, but the explained pipeline has \(wantedFeatures) features and \(wantedOutputs) outputs")
        }
    }

    /// Explains `rows` against `background` with `method`; returns the method used.
    public func explain(rows: FeatureMatrix, background: FeatureMatrix, method: ExplainMethod = .auto) async throws -> (ExplainMethod, ShapleyValues) {
        try ExplainInput.check(rows: rows, background: background)
        let chosen = try resolve(method, features: rows.columns)
        switch chosen {
        case .linear:
            let explainer = try LinearExplainer(model: linear.get())
            return (chosen, try await offload { try explainer.explain(rows: rows, background: background) })
        case .tree:
            let explainer = try TreeExplainer(model: tree.get())
            return (chosen, try await offload { try explainer.explain(rows: rows, background: background) })
        case .exact, .auto:
            return (.exact, try await ExactExplainer(options: options).explain(rows: rows, background: background, outputs: outputs, predictor: predictor))
        case .kernel:
            return (chosen, try await KernelExplainer(options: options).explain(rows: rows, background: background, outputs: outputs, predictor: predictor))
        }
    }
}
