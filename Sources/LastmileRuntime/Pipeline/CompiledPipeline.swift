import Foundation
import LastmileAPI
import LastmileEngine
import LastmileTensor

/// A pipeline version compiled for serving: one shared `InferenceSession` per model step.
///
/// A session is immutable and serves concurrent runs, so one compiled pipeline serves every
/// replica of a deployment; each `run` keeps its own values.
public final class CompiledPipeline: Sendable {
    /// Told how long each model step of a run took: the model's name and the nanoseconds.
    public typealias StepObserver = @Sendable (_ model: String, _ nanoseconds: UInt64) -> Void

    /// The pipeline version this was compiled from.
    public let version: PipelineVersion
    /// The first step's inputs, which requests must provide.
    public let inputs: [TensorSpec]
    /// The last step's outputs, in the order `run` returns them.
    public let outputs: [TensorSpec]
    /// The ids of the model versions, in step order (reported in reply metadata).
    public let modelVersionIDs: [String]
    let steps: [CompiledStep]
    /// `links[k]` feeds `steps[k + 1]` from the outputs of `steps[k]`.
    let links: [PipelineChain.Link]
    /// How requests are checked, one rule per input of the first step.
    let rules: [InputRule]
    /// Told each step's duration (the server's per-model latency metric).
    let observer: StepObserver?
    /// The pipeline's validations steps, merged, checked against its final inputs and outputs;
    /// nil when it has none.
    public let validations: ValidationSet?

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
            throw RuntimeError(.invalidPipeline, "\(pipeline) has \(references.count) model steps but \(models.count) model versions were given")
        }
        var steps: [CompiledStep] = []
        for (index, (reference, model)) in zip(references, models).enumerated() {
            let label = PipelineChain.label(model: model.model, id: model.id)
            let name = "step \(index + 1) (\(label)) of \(pipeline)"
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
            steps.append(CompiledStep(
                number: index + 1, label: label, model: model.model, session: session,
                inputs: ModelSignature.specs(session.inputs), outputs: ModelSignature.specs(session.outputs)
            ))
        }
        let chain = steps.map { PipelineChain.Step(label: $0.label, inputs: $0.inputs, outputs: $0.outputs) }
        do {
            self.links = try PipelineChain.links(chain)
        } catch let error as RuntimeError {
            throw RuntimeError(.invalidPipeline, "\(pipeline): \(error.message)", underlying: error)
        }
        guard let first = steps.first, let last = steps.last else {
            throw RuntimeError(.invalidPipeline, "\(pipeline) has no model step")
        }
        self.version = version
        self.steps = steps
        self.inputs = first.inputs
        self.outputs = last.outputs
        self.modelVersionIDs = models.map(\.id)
        self.rules = first.session.inputs.map(InputRule.init)
        self.observer = observer
        var rules: [String: String] = [:]
        for step in version.steps {
            if case .validations(let more) = step { rules.merge(more) { first, _ in first } }
        }
        self.validations = rules.isEmpty ? nil : try ValidationSet(rules, inputs: first.inputs, outputs: last.outputs)
    }

    /// Runs the steps in order and returns the last step's outputs in declared order.
    ///
    /// Validates the request first (`RuntimeError(.badInput)`); each step's outputs feed the
    /// next as `PipelineChain` defines. An engine failure on valid input throws
    /// `RuntimeError(.inferenceFailed)` with the engine's message and the step named.
    public func run(_ inputs: [String: Tensor]) throws -> [NamedValue] {
        try validate(inputs)
        return try execute(inputs)
    }

    /// Runs the steps on a request that has already been validated.
    func execute(_ inputs: [String: Tensor]) throws -> [NamedValue] {
        var values = inputs.mapValues { Value.tensor($0) }
        for (index, step) in steps.enumerated() {
            if index > 0 {
                values = feeds(for: step, link: links[index - 1], from: values)
            }
            do {
                if let observer {
                    let started = DispatchTime.now().uptimeNanoseconds
                    values = try step.session.run(values: values)
                    observer(step.model, DispatchTime.now().uptimeNanoseconds &- started)
                } else {
                    values = try step.session.run(values: values)
                }
            } catch let error as EngineError {
                let code: RuntimeError.Code = index == 0 && error.code == .invalidInput ? .badInput : .inferenceFailed
                throw RuntimeError(code, "\(step.name) of pipeline \"\(version.pipeline)\" failed: \(error.message)", underlying: error)
            } catch {
                throw RuntimeError(.inferenceFailed, "\(step.name) of pipeline \"\(version.pipeline)\" failed: \(error)", underlying: error)
            }
        }
        return try outputs.map { spec in
            guard let value = values[spec.name] else {
                throw RuntimeError(.inferenceFailed, "pipeline \"\(version.pipeline)\" did not produce its output \"\(spec.name)\"")
            }
            return NamedValue(name: spec.name, value: value)
        }
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
        for step in steps {
            guard let feeds = step.zeroFeeds else { continue }
            _ = try? step.session.run(values: feeds)
        }
    }
}
