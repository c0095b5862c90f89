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
            guard !body.steps.isEmpty else { throw APIError.badRequest("a pipeline needs at least one step, such as {\"model\": {\"name\": \"my-model\"}}") }
            var steps: [PipelineStep] = []
            var models: [ModelVersion] = []
            var rules: [String: String] = [:]
            for (index, step) in body.steps.enumerated() {
                switch step {
                case .model(let reference):
                    guard rules.isEmpty else {
                        throw APIError.badRequest("step \(index + 1) is a model step after a validations step; validations check the pipeline's final inputs and outputs, so they come last")
                    }
                    let version = try self.resolve(reference, in: workspace.name, step: index + 1)
                    steps.append(.model(ModelReference(name: reference.name, version: version.id)))
                    models.append(version)
                case .validations(let more):
                    for (name, expression) in more {
                        guard rules.updateValue(expression, forKey: name) == nil else {
                            throw APIError.badRequest("validation \"\(name.prefix(63))\" is defined twice; validation names must be unique in a pipeline")
                        }
                    }
                    steps.append(step)
                }
            }
            guard !models.isEmpty else { throw APIError.badRequest("a pipeline needs at least one model step") }
            let signature = try PipelineChain.check(models)
            if !rules.isEmpty {
                // Parse and type-check now, so a bad expression is refused at creation, naming its position.
                _ = try ValidationSet(rules, inputs: signature.inputs, outputs: signature.outputs)
            }
            let version = try self.store.createPipelineVersion(name: name, workspace: workspace.name, steps: steps, inputs: signature.inputs, outputs: signature.outputs)
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

    /// The model version a step names: the given version, or the latest one.
    private func resolve(_ reference: ModelReference, in workspace: String, step: Int) throws -> ModelVersion {
        guard let model = try store.model(workspace: workspace, name: reference.name) else {
            throw APIError.notFound("step \(step) names model \"\(reference.name.prefix(63))\", which workspace \"\(workspace)\" does not have; upload it with POST /v1/workspaces/\(workspace)/models/\(reference.name.prefix(63))")
        }
        guard let wanted = reference.version else {
            guard let latest = model.versions.last else {
                throw APIError.notFound("step \(step) names model \"\(model.name)\", which has no versions yet")
            }
            return latest
        }
        guard let version = model.versions.first(where: { $0.id == wanted.lowercased() }) else {
            throw APIError.notFound("step \(step) names version \"\(wanted.prefix(40))\" of model \"\(model.name)\", which does not exist; its versions are \(model.versions.map(\.id).joined(separator: ", "))")
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
