import Hummingbird
import LastmileAPI
import LastmileRuntime

extension Platform {
    func addPipelineRoutes(to router: Router<LastmileRequestContext>) {
        router.put("/v1/pipelines/{pipeline}") { request, context in
            let caller = try context.requireUser()
            let name = try context.parameters.require("pipeline")
            if let problem = ResourceName.problem(with: name, kind: "pipeline") { throw APIError.badRequest(problem) }
            let body = try await request.decodeJSON(CreatePipelineRequest.self, limit: self.configuration.maxRequestBytes)
            let workspace = try self.requireWorkspace(body.workspace)
            try self.authenticator.require(.collaborator, in: workspace.name, for: caller, to: "create pipelines")
            if let existing = try self.store.pipeline(named: name), existing.workspace != workspace.name {
                throw APIError.conflict("pipeline \"\(name)\" exists already in workspace \"\(existing.workspace)\"; pipeline names are unique on the server")
            }
            let version = try self.createPipelineVersion(name: name, workspace: workspace.name, steps: body.steps)
            return try Response.json(version, status: .created)
        }
        router.get("/v1/pipelines") { _, context in
            try Response.json(try self.store.pipelines(visibleTo: try context.requireUser()))
        }
        router.get("/v1/pipelines/{pipeline}") { _, context in
            let pipeline = try self.requirePipeline(context.parameters.require("pipeline"), context: context, role: .viewer, to: "read pipelines")
            return try Response.json(pipeline)
        }
        router.get("/v1/pipelines/{pipeline}/versions") { _, context in
            let pipeline = try self.requirePipeline(context.parameters.require("pipeline"), context: context, role: .viewer, to: "read pipelines")
            return try Response.json(try self.store.pipelineVersions(of: pipeline.name))
        }
    }

    /// Checks `steps` (each step's fields, that the models exist, that routes share a
    /// signature and steps chain, that validations parse against the pipeline's signature),
    /// pins every model reference to an exact version and stores the pipeline's next version.
    /// Throws a 4xx naming the step and the problem.
    func createPipelineVersion(name: String, workspace: String, steps requested: [PipelineStep]) throws -> PipelineVersion {
        guard !requested.isEmpty else { throw APIError.badRequest("a pipeline needs at least one step, such as {\"model\": {\"name\": \"my-model\"}}") }
        var steps: [PipelineStep] = []
        var stages: [[ModelVersion]] = []
        var numbers: [Int] = []
        var hasSplit = false
        var rules: [String: String] = [:]
        var challengers: Set<String> = []
        for (index, step) in requested.enumerated() {
            if let problem = step.problem { throw APIError.badRequest("step \(index + 1): \(problem)") }
            switch step {
            case .model, .randomSplit, .keySplit, .shadow:
                guard rules.isEmpty else {
                    throw APIError.badRequest("step \(index + 1) is a model step after a validations step; validations check the pipeline's final inputs and outputs, so they come last")
                }
                if case .shadow(let shadow) = step {
                    for challenger in shadow.challengers where !challengers.insert(challenger.name).inserted {
                        throw APIError.badRequest("step \(index + 1): model \"\(challenger.name.prefix(63))\" is a challenger of an earlier shadow step too; replies report challengers as out_<model>, so each model can be a challenger once")
                    }
                }
                let versions = try step.models.map { try self.resolve($0, in: workspace, step: index + 1) }
                try Self.checkSplitKey(step, number: index + 1, routes: versions)
                var pinned = versions.makeIterator()
                steps.append(step.mappingModels { ModelReference(name: $0.name, version: pinned.next()?.id) })
                stages.append(versions)
                numbers.append(index + 1)
                hasSplit = hasSplit || step.isSplit
            case .validations(let more):
                for (name, expression) in more {
                    guard rules.updateValue(expression, forKey: name) == nil else {
                        throw APIError.badRequest("validation \"\(name.prefix(63))\" is defined twice; validation names must be unique in a pipeline")
                    }
                }
                steps.append(step)
            }
        }
        guard !stages.isEmpty else { throw APIError.badRequest("a pipeline needs at least one model step") }
        let signature = try PipelineChain.check(routes: stages, numbers: numbers, split: hasSplit)
        if !rules.isEmpty {
            // Parse and type-check now, so a bad expression is refused at creation, naming its position.
            _ = try ValidationSet(rules, inputs: signature.inputs, outputs: signature.outputs.filter { $0.name != PipelineStep.splitOutputName })
        }
        return try store.createPipelineVersion(name: name, workspace: workspace, steps: steps, inputs: signature.inputs, outputs: signature.outputs)
    }

    /// Refuses a split whose key field is not an input of its routes.
    private static func checkSplitKey(_ step: PipelineStep, number: Int, routes: [ModelVersion]) throws {
        let field: (String, String)? = switch step {
        case .randomSplit(let split): split.hashKey.map { ("hashKey", $0) }
        case .keySplit(let split): ("key", split.key)
        case .model, .validations, .shadow: nil
        }
        guard let (role, name) = field, let inputs = routes.first?.inputs else { return }
        guard inputs.contains(where: { $0.name == name }) else {
            throw APIError.badRequest("step \(number)'s \(role) \"\(name.prefix(63))\" is not an input of its routes; they take \(inputs.map { "\"\($0.name)\"" }.joined(separator: ", "))")
        }
    }

    /// The model version a step names: the given version, or the latest one.
    func resolve(_ reference: ModelReference, in workspace: String, step: Int) throws -> ModelVersion {
        guard let model = try store.model(workspace: workspace, name: reference.name) else {
            throw APIError.notFound("step \(step) names model \"\(reference.name.prefix(63))\", which workspace \"\(workspace)\" does not have; upload it with POST /v1/workspaces/\(workspace)/models/\(reference.name.prefix(63))")
        }
        guard let wanted = reference.version else {
            guard let latest = model.versions.last(where: { $0.status == .ready }) else {
                throw APIError.notFound("step \(step) names model \"\(model.name)\", which has no ready versions yet")
            }
            return latest
        }
        guard let version = model.versions.first(where: { $0.id == wanted.lowercased() }) else {
            throw APIError.notFound("step \(step) names version \"\(wanted.prefix(40))\" of model \"\(model.name)\", which does not exist; its versions are \(model.versions.map(\.id).joined(separator: ", "))")
        }
        guard version.status == .ready else {
            throw APIError.badRequest("step \(step) names version \(version.id) of model \"\(model.name)\", which is \(version.status.rawValue) (\(version.statusMessage ?? "no artifact yet")); use a ready version")
        }
        return version
    }

    /// The named pipeline, after checking the caller's role in its workspace.
    func requirePipeline(_ name: String, context: LastmileRequestContext, role: WorkspaceRole, to action: String) throws -> Pipeline {
        let caller = try context.requireUser()
        guard let pipeline = try store.pipeline(named: name) else {
            throw APIError.notFound("there is no pipeline named \"\(name.prefix(63))\"; create it with PUT /v1/pipelines/\(name.prefix(63))")
        }
        try authenticator.require(role, in: pipeline.workspace, for: caller, to: action)
        return pipeline
    }
}
