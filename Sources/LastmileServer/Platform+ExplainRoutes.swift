import Foundation
import Hummingbird
import LastmileAPI
import LastmileEngine
import LastmileObservability
import LastmileRuntime
import LastmileStore
import LastmileTensor

extension Platform {
    /// Log rows a time-range background samples by default, and at most.
    static let defaultLogBackgroundRows = 100
    static let maxLogBackgroundRows = 10_000

    func addExplainRoutes(to router: Router<LastmileRequestContext>) {
        router.post("/v1/pipelines/{pipeline}/explain") { request, context in
            let name = try context.parameters.require("pipeline")
            let active = try self.requireRunning(name, context: context)
            let body = try await request.decodeJSON(ExplainRequest.self, limit: self.configuration.maxRequestBytes)
            return try await Self.mappingExplainErrors {
                let setup = try await self.explainSetup(active, output: body.output, method: body.method ?? .auto, featureNames: body.featureNames)
                let rows = try setup.features.matrix(body.rows, what: "rows")
                let background = try await self.backgroundMatrix(body.background, pipeline: name, features: setup.features, seed: body.seed ?? 0)
                let explainer = setup.explainer(samples: body.samples, seed: body.seed)
                let (method, values) = try await explainer.explain(rows: rows, background: background, method: body.method ?? .auto)
                let explanation = Explanation(
                    method: method, features: setup.featureNames, outputs: setup.outputNames,
                    baseValues: values.baseValues, values: values.nested)
                if request.uri.queryParameters.get("format") == "svg" { return Response.svg(ChartViews.contributions(explanation)) }
                return try Response.json(explanation)
            }
        }
        addGlobalExplainRoute(to: router)
    }

    /// Rows a global explanation explains, draws ICE curves for, and uses as SHAP background, at most.
    static let globalExplainedRows = 50
    static let maxICERows = 50
    static let globalShapBackgroundRows = 100

    func addGlobalExplainRoute(to router: Router<LastmileRequestContext>) {
        router.post("/v1/pipelines/{pipeline}/explain/global") { request, context in
            let name = try context.parameters.require("pipeline")
            let active = try self.requireRunning(name, context: context)
            let body = try await request.decodeJSON(GlobalExplainRequest.self, limit: self.configuration.maxRequestBytes)
            return try await Self.mappingExplainErrors {
                let method = body.method ?? .auto
                let setup = try await self.explainSetup(active, output: body.output, method: method, featureNames: body.featureNames)
                let seed = body.seed ?? 0
                let data = try await self.backgroundMatrix(body.background, pipeline: name, features: setup.features, seed: seed)
                let wanted = body.rows ?? Self.globalExplainedRows
                guard wanted > 0 else { throw APIError.badRequest("rows must be at least 1, got \(wanted)") }
                var random = SeededGenerator(seed: seed)
                let order = Array(0..<data.rows).shuffled(using: &random)
                let explained = Array(order.prefix(wanted))
                let iceRows = Array(order.prefix(Self.maxICERows))
                let shapBackground = data.rows <= Self.globalShapBackgroundRows ? data : data.selecting(rows: Array(order.prefix(Self.globalShapBackgroundRows)))
                let explainer = setup.explainer(samples: body.samples, seed: body.seed)
                let (used, values) = try await explainer.explain(rows: data.selecting(rows: explained), background: shapBackground, method: method)
                let curves = try await PartialDependence(options: explainer.options).curves(data: data, iceRows: iceRows, outputs: setup.outputNames.count, predictor: setup.predictor)
                let outputs = setup.outputNames.count
                let meanAbs = values.meanAbsolute
                func nested(_ flat: [Double], _ groups: Int) -> [[Double]] {
                    (0..<groups).map { Array(flat[($0 * outputs)..<(($0 + 1) * outputs)]) }
                }
                let dependence = curves.map { curve in
                    let points = curve.grid.count
                    return FeatureDependence(
                        feature: setup.featureNames[curve.feature], grid: curve.grid, average: nested(curve.average, points),
                        ice: (0..<iceRows.count).map { j in nested(Array(curve.ice[(j * points * outputs)..<((j + 1) * points * outputs)]), points) })
                }
                return try Response.json(GlobalExplanation(
                    method: used, features: setup.featureNames, outputs: setup.outputNames, baseValues: values.baseValues,
                    meanAbs: nested(meanAbs, setup.features.count), explainedRows: explained, iceRows: iceRows, partialDependence: dependence))
            }
        }
    }

    /// Turns explainer errors into 400s (the caller's to fix) and 422s (the model misbehaved).
    static func mappingExplainErrors(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as ExplainError {
            switch error.code {
            case .badInput: throw APIError.badRequest(error.message)
            case .predictorFailed: throw APIError(.unprocessableContent, "inference_failed", error.message)
            }
        }
    }

    /// What explaining `active` needs: its features, the explained output and its elements, a
    /// predictor over the deployment, and (when asked for) the served model's structure.
    func explainSetup(_ active: DeploymentRegistry.Active, output: String?, method: ExplainMethod, featureNames: [String]?) async throws -> ExplainSetup {
        let pipeline = active.runner.pipeline
        let features = try PipelineFeatures(inputs: pipeline.inputs)
        let spec: TensorSpec
        if let output {
            guard let found = pipeline.outputs.first(where: { $0.name == output }) else {
                throw APIError.badRequest("pipeline \"\(pipeline.version.pipeline)\" has no output \"\(output.prefix(63))\"; its outputs are \(pipeline.outputs.map { "\"\($0.name)\"" }.joined(separator: ", "))")
            }
            spec = found
        } else {
            guard let found = pipeline.outputs.first(where: { ["FP32", "FP64", "FP16"].contains($0.datatype) }) else {
                throw APIError.badRequest("pipeline \"\(pipeline.version.pipeline)\" has no floating-point output to explain by default; name one with \"output\" (its outputs are \(pipeline.outputs.map { "\"\($0.name)\"" }.joined(separator: ", ")))")
            }
            spec = found
        }
        guard spec.datatype != ModelSignature.jsonDatatype, let dtype = DType(v2Name: spec.datatype), dtype.isNumeric else {
            throw APIError.badRequest("output \"\(spec.name)\" is \(spec.datatype), not a numeric tensor; explain a numeric output (a classifier's probabilities without ZipMap, a regressor's values)")
        }
        let rowShape = Array(spec.shape.dropFirst())
        guard rowShape.allSatisfy({ $0 > 0 }) else {
            throw APIError.badRequest("output \"\(spec.name)\" has row shape \(rowShape) with a varying dimension; explanations need a fixed number of output elements")
        }
        let width = rowShape.reduce(1, *)
        var names = features.names
        if let featureNames {
            guard featureNames.count == features.count else {
                throw APIError.badRequest("feature_names has \(featureNames.count) names but the pipeline's inputs have \(features.count) features")
            }
            names = featureNames
        }
        var setup = ExplainSetup(
            features: features, featureNames: names,
            outputNames: width == 1 && rowShape.count <= 1 ? [spec.name] : (0..<width).map { "\(spec.name)[\($0)]" },
            predictor: RunnerPredictor(runner: active.runner, features: features, output: spec.name, width: width))
        if [.auto, .linear, .tree].contains(method) {
            (setup.linear, setup.tree) = try await servedModelStructure(pipeline, output: spec.name)
        }
        return setup
    }

    /// The linear and tree views of a one-model pipeline's model, or why there are none.
    func servedModelStructure(_ pipeline: CompiledPipeline, output: String) async throws -> (Result<LinearModel, ExplainError>, Result<TreeModel, ExplainError>) {
        guard pipeline.modelVersionIDs.count == 1, let id = pipeline.modelVersionIDs.first else {
            let why = ExplainError(.badInput, "the linear and tree methods need a pipeline of one model step, \"\(pipeline.version.pipeline)\" has \(pipeline.modelVersionIDs.count)")
            return (.failure(why), .failure(why))
        }
        let store = self.store
        return try await Blocking.run("lastmile-explain-model") {
            guard let version = try store.modelVersion(id: id) else {
                throw APIError(.internalServerError, "internal", "model version \(id) of the deployment is not in the store")
            }
            let graph = try Model(serialized: store.artifacts.read(sha256: version.sha256)).graph
            func attempt<T>(_ make: () throws -> T) -> Result<T, ExplainError> {
                do { return .success(try make()) } catch let error as ExplainError { return .failure(error) } catch {
                    return .failure(ExplainError(.badInput, "\(error)"))
                }
            }
            return (attempt { try LinearModel(graph: graph, output: output) }, attempt { try TreeModel(graph: graph, output: output) })
        }
    }

    /// The background rows of a request: given records rows, or a seeded sample of the rows
    /// logged for `pipeline` in a time range.
    func backgroundMatrix(_ background: ExplainBackground, pipeline: String, features: PipelineFeatures, seed: UInt64) async throws -> FeatureMatrix {
        switch background {
        case .rows(let rows):
            return try features.matrix(rows, what: "background")
        case .log(let startText, let endText, let samples):
            let start = try startText.map { try LogQueryParameters.time($0, name: "background.start") }
            let end = try endText.map { try LogQueryParameters.time($0, name: "background.end") }
            if let start, let end, start > end {
                throw APIError.badRequest("background.start is after background.end; give a time range with start <= end")
            }
            let count = samples ?? Self.defaultLogBackgroundRows
            guard count > 0, count <= Self.maxLogBackgroundRows else {
                throw APIError.badRequest("background.samples must be between 1 and \(Self.maxLogBackgroundRows), got \(count)")
            }
            let log = inferenceLog
            let rows = try await Blocking.run("lastmile-explain-log") {
                try Self.loggedInputs(log: log, pipeline: pipeline, start: start, end: end, samples: count, seed: seed)
            }
            guard !rows.isEmpty else {
                throw APIError.badRequest("the background is empty: pipeline \"\(pipeline)\" logged no inferences in that time range; widen it or give background rows")
            }
            return try features.matrix(rows, what: "background")
        }
    }

    /// A uniform sample (reservoir, seeded) of at most `samples` logged rows' inputs: each
    /// entry's records-reply object's `in` field. Blocking: reads the log files.
    ///
    /// The one place that knows how logged rows are stored; adapt it when the log format changes.
    static func loggedInputs(log: InferenceLog, pipeline: String, start: Int64?, end: Int64?, samples: Int, seed: UInt64) throws -> [JSONValue] {
        var random = SeededGenerator(seed: seed)
        var reservoir: [[UInt8]] = []
        var seen = 0
        try LoggedRows.read(log, pipeline: pipeline, start: start, end: end, order: .asc, anomalyOnly: false, limit: nil) { json in
            seen += 1
            if reservoir.count < samples {
                reservoir.append(json)
            } else {
                let slot = Int.random(in: 0..<seen, using: &random)
                if slot < samples { reservoir[slot] = json }
            }
            return true
        }
        let decoder = JSONDecoder()
        return try reservoir.map { json in
            guard case .object(let row) = try decoder.decode(JSONValue.self, from: Data(json)), let inputs = row["in"] else {
                throw APIError(.internalServerError, "internal", "a logged row of pipeline \"\(pipeline)\" has no \"in\" object")
            }
            return inputs
        }
    }
}

/// The pieces of one explanation request.
struct ExplainSetup: Sendable {
    var features: PipelineFeatures
    var featureNames: [String]
    var outputNames: [String]
    var predictor: RunnerPredictor
    var linear: Result<LinearModel, ExplainError> = .failure(ExplainError(.badInput, "the model's structure was not read"))
    var tree: Result<TreeModel, ExplainError> = .failure(ExplainError(.badInput, "the model's structure was not read"))

    func explainer(samples: Int?, seed: UInt64?) -> Explainer {
        var options = ExplainOptions()
        options.kernelSamples = samples
        options.seed = seed ?? 0
        return Explainer(
            predictor: predictor, outputs: outputNames.count, linear: linear, tree: tree, options: options,
            offload: { work in try await Blocking.run("lastmile-explain") { try work() } })
    }
}
