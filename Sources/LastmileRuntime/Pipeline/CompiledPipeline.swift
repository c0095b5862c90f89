import Foundation
import LastmileAPI
import LastmileEngine
import LastmileTensor

/// A pipeline version compiled for serving: one shared `InferenceSession` per model step.
///
/// A session is immutable and serves concurrent runs, so one compiled pipeline serves every
/// replica of a deployment; each `run` keeps its own values.
public final class CompiledPipeline: Sendable {
    /// Told every model run of a pipeline run: its time, rows and outcome, and for split
    /// routes and shadow models the sums of their outputs (the server's per-model and
    /// per-route metrics).
    public typealias StepObserver = @Sendable (StepRun) -> Void

    /// The pipeline version this was compiled from.
    public let version: PipelineVersion
    /// The first step's inputs, which requests must provide.
    public let inputs: [TensorSpec]
    /// The last step's outputs, in the order `run` returns them.
    public let outputs: [TensorSpec]
    /// The ids of the model versions, in step order (reported in reply metadata).
    public let modelVersionIDs: [String]
    /// The model steps in order; a split or shadow step has several routes (a shadow's first
    /// is its champion).
    let stages: [CompiledStage]
    /// `links[k]` feeds `stages[k + 1]` from the outputs of `stages[k]` (their first routes).
    let links: [PipelineChain.Link]
    /// How requests are checked, one rule per input of the first step.
    let rules: [InputRule]
    /// Told each step's duration (the server's per-model latency metric).
    let observer: StepObserver?
    /// The pipeline's validations steps, merged, checked against its final inputs and outputs;
    /// nil when it has none.
    public let validations: ValidationSet?
    /// Which routes a row's validation verdict belongs to, or nil when no step has routes.
    public let verdictRoutes: VerdictRoutes?

    /// Which routes the validations' verdicts on a row belong to.
    public enum VerdictRoutes: Sendable {
        /// The last model step is a shadow: its champion's outputs are the pipeline's (and
        /// each challenger's can be checked in their place).
        case shadow(step: Int, model: String, versionID: String)
        /// The route `_model_split` names for the row, in this split step (the last split).
        case split(step: Int)
    }

    /// Compiles a pipeline version.
    ///
    /// `models` are the pinned versions, one per `.model` step, in step order; their bytes come
    /// from `artifacts`. Throws `RuntimeError(.invalidPipeline)` naming the step when a model
    /// does not match its step, cannot be loaded or compiled, or the steps do not chain.
    ///
    /// - Parameter observer: told each model step's duration on every run, if given.
    public init(version: PipelineVersion, models: [ModelVersion], artifacts: any ArtifactSource, observer: StepObserver? = nil) throws {
        let references = version.steps.flatMap(\.models)
        let pipeline = "pipeline \"\(version.pipeline)\" version \(version.version)"
        guard references.count == models.count else {
            throw RuntimeError(.invalidPipeline, "\(pipeline) has \(references.count) model references but \(models.count) model versions were given")
        }
        var stages: [CompiledStage] = []
        var offset = 0
        for step in version.steps where !step.models.isEmpty {
            let number = stages.count + 1
            var routes: [CompiledStep] = []
            for reference in step.models {
                let model = models[offset]
                offset += 1
                let label = PipelineChain.label(model: model.model, id: model.id)
                let name = "step \(number) (\(label)) of \(pipeline)"
                guard reference.name == model.model, reference.version.map({ $0 == model.id }) ?? true else {
                    let wanted = "model \"\(reference.name)\"" + (reference.version.map { " \($0)" } ?? "")
                    throw RuntimeError(.invalidPipeline, "\(name) names \(wanted), but the model version given for it is \(label)")
                }
                let session: InferenceSession
                do {
                    session = try InferenceSession(serialized: artifacts.modelBytes(sha256: model.sha256))
                } catch {
                    throw RuntimeError(.invalidPipeline, "\(name) cannot be loaded: \(error)", underlying: error)
                }
                routes.append(CompiledStep(
                    number: number, label: label, model: model.model, versionID: model.id, session: session,
                    inputs: ModelSignature.specs(session.inputs), outputs: ModelSignature.specs(session.outputs)
                ))
            }
            stages.append(CompiledStage(routes: routes, router: SplitRouter(step), isShadow: step.isShadow))
        }
        let chain = stages.map { PipelineChain.Step(label: $0.primary.label, inputs: $0.primary.inputs, outputs: $0.primary.outputs) }
        do {
            self.links = try PipelineChain.links(chain)
        } catch let error as RuntimeError {
            throw RuntimeError(.invalidPipeline, "\(pipeline): \(error.message)", underlying: error)
        }
        guard let first = stages.first?.primary, let last = stages.last?.primary else {
            throw RuntimeError(.invalidPipeline, "\(pipeline) has no model step")
        }
        self.version = version
        self.stages = stages
        self.inputs = first.inputs
        self.outputs = last.outputs + (stages.contains { $0.router != nil } ? [PipelineChain.splitOutput] : [])
        self.modelVersionIDs = models.map(\.id)
        self.rules = first.session.inputs.map(InputRule.init)
        self.observer = observer
        var rules: [String: String] = [:]
        for step in version.steps {
            if case .validations(let more) = step { rules.merge(more) { first, _ in first } }
        }
        self.validations = rules.isEmpty ? nil : try ValidationSet(rules, inputs: first.inputs, outputs: last.outputs)
        if let final = stages.last, final.isShadow {
            verdictRoutes = .shadow(step: final.primary.number, model: final.primary.model, versionID: final.primary.versionID)
        } else {
            verdictRoutes = stages.last { $0.router != nil }.map { .split(step: $0.primary.number) }
        }
    }

    /// Runs the steps in order and returns the last step's outputs in declared order.
    ///
    /// Validates the request first (`RuntimeError(.badInput)`); each step's outputs feed the
    /// next as `PipelineChain` defines. An engine failure on valid input throws
    /// `RuntimeError(.inferenceFailed)` with the engine's message and the step named.
    public func run(_ inputs: [String: Tensor]) throws -> [NamedValue] {
        try validate(inputs)
        return try execute(inputs).values
    }

    /// Runs the steps on a request that has already been validated.
    func execute(_ inputs: [String: Tensor]) throws -> PipelineOutputs {
        var values = inputs.mapValues { Value.tensor($0) }
        var split: (stage: CompiledStage, routes: [Int])?
        var shadows: [ShadowOutputs] = []
        for (index, stage) in stages.enumerated() {
            if index > 0 {
                values = feeds(for: stage.primary, link: links[index - 1], from: values)
            }
            if let router = stage.router {
                let routes = try router.routes(values, rows: Self.rowCount(values, of: stage.primary))
                values = try run(stage, routes: routes, values: values, first: index == 0)
                split = (stage, routes)
            } else if stage.isShadow {
                let champion = try run(stage.primary, values: values, first: index == 0, role: .champion)
                for challenger in stage.routes.dropFirst() {
                    shadows.append(shadow(challenger, values: values, first: index == 0, champion: champion))
                }
                values = champion
            } else {
                values = try run(stage.primary, values: values, first: index == 0, role: .model)
            }
        }
        if let split {
            values[PipelineStep.splitOutputName] = .tensor(Self.splitColumn(split.stage, routes: split.routes))
        }
        let declared = try outputs.map { spec in
            guard let value = values[spec.name] else {
                throw RuntimeError(.inferenceFailed, "pipeline \"\(version.pipeline)\" did not produce its output \"\(spec.name)\"")
            }
            return NamedValue(name: spec.name, value: value)
        }
        return PipelineOutputs(values: declared, shadows: shadows)
    }

    /// Runs a challenger on its champion's feeds; its failure becomes the result's error
    /// rather than the request's.
    private func shadow(_ challenger: CompiledStep, values: [String: Value], first: Bool, champion: [String: Value]) -> ShadowOutputs {
        do {
            let result = try run(challenger, values: values, first: first, role: .challenger, champion: champion)
            let named = try challenger.outputs.map { spec in
                guard let value = result[spec.name] else {
                    throw RuntimeError(.inferenceFailed, "\(challenger.name) did not produce its output \"\(spec.name)\"")
                }
                return NamedValue(name: spec.name, value: value)
            }
            return ShadowOutputs(model: challenger.model, versionID: challenger.versionID, values: named, error: nil)
        } catch let error as RuntimeError {
            return ShadowOutputs(model: challenger.model, versionID: challenger.versionID, values: nil, error: error.message)
        } catch {
            return ShadowOutputs(model: challenger.model, versionID: challenger.versionID, values: nil, error: "\(error)")
        }
    }

    /// Runs one model, telling the observer how it went: for a challenger, also how far its
    /// outputs are from the `champion`'s.
    private func run(
        _ step: CompiledStep, values: [String: Value], first: Bool, role: StepRun.Role, champion: [String: Value]? = nil
    ) throws -> [String: Value] {
        let started = observer == nil ? 0 : DispatchTime.now().uptimeNanoseconds
        do {
            let result = try step.session.run(values: values)
            if let observer {
                var record = StepRun(
                    step: step.number, model: step.model, versionID: step.versionID, role: role, rows: Self.rowCount(values, of: step),
                    nanoseconds: DispatchTime.now().uptimeNanoseconds &- started, failed: false
                )
                if role != .model {
                    for (name, value) in result {
                        if let sum = value.numericSum { record.outputSums[name] = sum }
                        if let champion = champion?[name], let difference = value.absoluteDifference(from: champion) {
                            record.differences[name] = difference
                        }
                    }
                }
                observer(record)
            }
            return result
        } catch {
            observer?(StepRun(
                step: step.number, model: step.model, versionID: step.versionID, role: role, rows: Self.rowCount(values, of: step),
                nanoseconds: DispatchTime.now().uptimeNanoseconds &- started, failed: true
            ))
            if let error = error as? EngineError {
                let code: RuntimeError.Code = first && error.code == .invalidInput ? .badInput : .inferenceFailed
                throw RuntimeError(code, "\(step.name) of pipeline \"\(version.pipeline)\" failed: \(error.message)", underlying: error)
            }
            throw RuntimeError(.inferenceFailed, "\(step.name) of pipeline \"\(version.pipeline)\" failed: \(error)", underlying: error)
        }
    }

    /// Runs a split step: each route once on its rows, then the outputs back in row order.
    private func run(_ stage: CompiledStage, routes: [Int], values: [String: Value], first: Bool) throws -> [String: Value] {
        var groups = [[Int]](repeating: [], count: stage.routes.count)
        for (row, route) in routes.enumerated() { groups[route].append(row) }
        let used = groups.indices.filter { !groups[$0].isEmpty }
        if used.count <= 1 {
            return try run(stage.routes[used.first ?? 0], values: values, first: first, role: .route)
        }
        do {
            var parts: [[String: Value]] = []
            var order: [Int] = []
            for route in used {
                let rows = groups[route]
                parts.append(try run(stage.routes[route], values: try values.mapValues { try $0.gatheringRows(rows) }, first: first, role: .route))
                order += rows
            }
            var inverse = [Int](repeating: 0, count: routes.count)
            for (position, row) in order.enumerated() { inverse[row] = position }
            var merged: [String: Value] = [:]
            for name in parts[0].keys {
                let pieces = parts.compactMap { $0[name] }
                guard pieces.count == parts.count else { continue }
                merged[name] = try Value.concatenatingRows(pieces).gatheringRows(inverse)
            }
            return merged
        } catch let error as RuntimeError {
            throw error
        } catch {
            throw RuntimeError(.inferenceFailed, "the routes of step \(stage.primary.number) of pipeline \"\(version.pipeline)\" returned values that cannot be put back in row order: \(error)", underlying: error)
        }
    }

    /// The `_model_split` output: per row, the chosen route's model name and version id.
    private static func splitColumn(_ stage: CompiledStage, routes: [Int]) -> Tensor {
        var texts: [String] = []
        texts.reserveCapacity(2 * routes.count)
        for route in routes {
            texts.append(stage.routes[route].model)
            texts.append(stage.routes[route].versionID)
        }
        return Tensor(unchecked: [routes.count, 2], texts)
    }

    /// The rows of `step`'s values: the first dimension of the first tensor among its
    /// `rowInputs` (1 for scalars).
    private static func rowCount(_ values: [String: Value], of step: CompiledStep) -> Int {
        for name in step.rowInputs {
            if case .tensor(let tensor)? = values[name] { return tensor.shape.first ?? 1 }
        }
        return 1
    }

    /// The values a step takes from the previous step's outputs.
    private func feeds(for step: CompiledStep, link: PipelineChain.Link, from previous: [String: Value]) -> [String: Value] {
        switch link {
        case .byName:
            var feeds: [String: Value] = [:]
            for input in step.inputs {
                feeds[input.name] = previous[input.name]
            }
            return feeds
        case .positional(let output, let input):
            guard let value = previous[output] else { return [:] }
            return [input: value]
        }
    }

    /// Runs one row of zeros (dims of -1 become 1) through every step, so first requests do
    /// not pay one-time costs; steps whose inputs are not plain tensors, or that fail on
    /// zeros, are skipped.
    public func warm() {
        for step in stages.flatMap(\.routes) {
            guard let feeds = step.zeroFeeds else { continue }
            _ = try? step.session.run(values: feeds)
        }
    }
}
