import LastmileAPI

/// Checks that model steps chain, at pipeline creation (no compilation needed).
public enum PipelineChain {
    /// How one step's outputs become the next step's inputs.
    enum Link: Sendable, Equatable {
        /// Every input of the next step is an output of the previous step with the same name.
        case byName
        /// The previous step's one output becomes the next step's one input.
        case positional(output: String, input: String)
    }

    /// One step as the chain check sees it.
    struct Step {
        /// How messages name the step: `model "scaler" 1b2c3d4e`.
        var label: String
        var inputs: [TensorSpec]
        var outputs: [TensorSpec]
    }

    /// Checks that pinned model versions chain and returns the pipeline's inputs and outputs.
    ///
    /// `steps` are the pinned model versions, in order. Step k's outputs feed step k+1 by name
    /// (every input of step k+1 is an output of step k with the same datatype) or, when step k
    /// has exactly one output and step k+1 exactly one input, positionally (the datatypes must
    /// still match). Throws `RuntimeError(.invalidPipeline)` naming both sides of the first
    /// link that does not fit. Returns the first step's inputs and the last step's outputs.
    public static func check(_ steps: [ModelVersion]) throws -> (inputs: [TensorSpec], outputs: [TensorSpec]) {
        let chain = steps.map { Step(label: label(model: $0.model, id: $0.id), inputs: $0.inputs, outputs: $0.outputs) }
        _ = try links(chain)
        guard let first = chain.first, let last = chain.last else {
            throw RuntimeError(.invalidPipeline, "a pipeline needs at least one model step")
        }
        return (first.inputs, last.outputs)
    }

    /// Checks a pipeline's model steps where a step may have several routes (a split): the
    /// routes of one step must take and return the same names and datatypes, and each step's
    /// first route must chain to the next step's as `check(_:)` says. Returns the pipeline's
    /// inputs and outputs; `split` adds `_model_split` (per row, the route's model name and
    /// version id, BYTES `[-1, 2]`) to the outputs. `steps[k]` is step `numbers[k]`'s routes.
    public static func check(routes steps: [[ModelVersion]], numbers: [Int], split: Bool) throws -> (inputs: [TensorSpec], outputs: [TensorSpec]) {
        for (routes, number) in zip(steps, numbers) {
            guard let first = routes.first else {
                throw RuntimeError(.invalidPipeline, "step \(number) has no model")
            }
            for (index, route) in routes.enumerated().dropFirst() {
                if let problem = mismatch(first, route) {
                    throw RuntimeError(.invalidPipeline, "the routes of step \(number) must share one signature, but route \(index + 1) (\(label(model: route.model, id: route.id))) \(problem) route 1 (\(label(model: first.model, id: first.id)))")
                }
            }
        }
        var signature = try check(steps.compactMap(\.first))
        if split {
            signature.outputs.append(splitOutput)
        }
        return signature
    }

    /// The output a split adds: per row, the chosen route's model name and version id.
    public static let splitOutput = TensorSpec(name: PipelineStep.splitOutputName, datatype: "BYTES", shape: [-1, 2])

    /// How `other`'s signature differs from `first`'s, said so that "... than" reads on, or nil.
    private static func mismatch(_ first: ModelVersion, _ other: ModelVersion) -> String? {
        // Names and datatypes must agree, and shapes where both sides fix a dimension.
        func names(_ specs: [TensorSpec]) -> [String: String] {
            Dictionary(specs.map { ($0.name, $0.datatype) }, uniquingKeysWith: { a, _ in a })
        }
        func shapesFit(_ a: [TensorSpec], _ b: [TensorSpec]) -> Bool {
            let shapes = Dictionary(b.map { ($0.name, $0.shape) }, uniquingKeysWith: { first, _ in first })
            return a.allSatisfy { spec in
                guard let theirs = shapes[spec.name] else { return true }
                return spec.shape.count == theirs.count && zip(spec.shape, theirs).allSatisfy { $0 < 0 || $1 < 0 || $0 == $1 }
            }
        }
        if names(first.inputs) != names(other.inputs) || !shapesFit(first.inputs, other.inputs) {
            return "takes inputs \(other.inputs.map(describeShape).joined(separator: ", ")), not the inputs \(first.inputs.map(describeShape).joined(separator: ", ")) of"
        }
        if names(first.outputs) != names(other.outputs) || !shapesFit(first.outputs, other.outputs) {
            return "returns outputs \(other.outputs.map(describeShape).joined(separator: ", ")), not the outputs \(first.outputs.map(describeShape).joined(separator: ", ")) of"
        }
        return nil
    }

    /// How a step is named in messages: `model "scaler" 1b2c3d4e` (the version id shortened).
    static func label(model: String, id: String) -> String {
        let short = id.count > 8 ? String(id.prefix(8)) + "..." : id
        return "model \"\(model)\" \(short)"
    }

    /// The links between consecutive steps (one fewer than the steps), or the first misfit.
    static func links(_ steps: [Step]) throws -> [Link] {
        guard !steps.isEmpty else {
            throw RuntimeError(.invalidPipeline, "a pipeline needs at least one model step")
        }
        var links: [Link] = []
        for k in steps.indices.dropFirst() {
            links.append(try link(from: steps[k - 1], number: k, to: steps[k], number: k + 1))
        }
        return links
    }

    private static func link(from source: Step, number sourceNumber: Int, to target: Step, number targetNumber: Int) throws -> Link {
        let offered = Dictionary(source.outputs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let sourceName = "step \(sourceNumber) (\(source.label))"
        let targetName = "step \(targetNumber) (\(target.label))"
        var firstMissing: TensorSpec?
        for input in target.inputs {
            guard let output = offered[input.name] else {
                if firstMissing == nil { firstMissing = input }
                continue
            }
            guard output.datatype == input.datatype else {
                throw RuntimeError(.invalidPipeline, "\(targetName) needs input \"\(input.name)\" as \(input.datatype), but \(sourceName) outputs \"\(output.name)\" as \(output.datatype)")
            }
        }
        guard let missing = firstMissing else { return .byName }
        if source.outputs.count == 1, target.inputs.count == 1, let output = source.outputs.first, let input = target.inputs.first {
            guard output.datatype == input.datatype else {
                throw RuntimeError(.invalidPipeline, "\(targetName) takes its one input \"\(input.name)\" (\(input.datatype)) from the one output of \(sourceName), \"\(output.name)\", which is \(output.datatype)")
            }
            return .positional(output: output.name, input: input.name)
        }
        let outputs = source.outputs.isEmpty ? "nothing" : "only " + source.outputs.map(describe).joined(separator: ", ")
        throw RuntimeError(.invalidPipeline, "\(targetName) needs input \(describe(missing)), but \(sourceName) outputs \(outputs)")
    }

    private static func describeShape(_ spec: TensorSpec) -> String {
        "\"\(spec.name)\" (\(spec.datatype) \(spec.shape))"
    }

    private static func describe(_ spec: TensorSpec) -> String {
        "\"\(spec.name)\" (\(spec.datatype))"
    }
}
