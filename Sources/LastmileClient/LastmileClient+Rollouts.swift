import Foundation
import LastmileAPI

extension LastmileClient {
    // MARK: - Rollouts

    /// Creates `pipeline`'s next version from its latest, with one step replaced by `step`
    /// (a split, a shadow or another model). `number` is the 1-based step to replace; without
    /// it, the pipeline must have exactly one step that runs models.
    public func replaceStep(pipeline: String, number: Int? = nil, with step: PipelineStep) async throws -> PipelineVersion {
        let current = try await self.pipeline(pipeline)
        var steps = current.latestVersion.steps
        let index: Int
        if let number {
            guard steps.indices.contains(number - 1) else {
                throw ClientError(status: 0, code: "bad_argument", message: "pipeline \"\(pipeline)\" version \(current.latestVersion.version) has \(steps.count) steps, so there is no step \(number)")
            }
            index = number - 1
        } else {
            let modelSteps = steps.indices.filter { !steps[$0].models.isEmpty }
            guard modelSteps.count == 1 else {
                throw ClientError(status: 0, code: "bad_argument", message: "pipeline \"\(pipeline)\" has \(modelSteps.count) model steps; say which one to replace")
            }
            index = modelSteps[0]
        }
        steps[index] = step
        return try await createPipeline(name: pipeline, workspace: current.workspace, steps: steps)
    }

    /// Deploys `pipeline`'s version `version`, or the one before the deployed version, with
    /// the running deployment's config (a blue/green switch back, by hot swap).
    public func rollback(pipeline: String, to version: Int? = nil) async throws -> Deployment {
        let deployment = try await self.deployment(pipeline: pipeline)
        let target = version ?? deployment.version - 1
        guard target >= 1 else {
            throw ClientError(status: 0, code: "bad_argument", message: "pipeline \"\(pipeline)\" runs version \(deployment.version), the first; there is nothing to roll back to")
        }
        return try await deploy(pipeline: pipeline, version: target, config: deployment.config)
    }

    /// `GET /v1/pipelines/{p}/routes?window=`: the split routes and shadow models compared.
    public func routes(pipeline: String, window: String = "1h") async throws -> PipelineRoutesReport {
        let query = window.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? window
        return try await call(.GET, "/v1/pipelines/\(Self.segment(pipeline))/routes?window=\(query)")
    }

    /// `POST /v1/pipelines/{p}/canary`: starts a canary of a challenger model.
    public func startCanary(pipeline: String, _ request: CreateCanaryRequest) async throws -> Canary {
        try await call(.POST, "/v1/pipelines/\(Self.segment(pipeline))/canary", json: request)
    }

    /// `GET /v1/pipelines/{p}/canary`: the latest canary, with its history.
    public func canary(pipeline: String) async throws -> Canary {
        try await call(.GET, "/v1/pipelines/\(Self.segment(pipeline))/canary")
    }

    /// `DELETE /v1/pipelines/{p}/canary`: aborts the running canary.
    public func abortCanary(pipeline: String) async throws -> Canary {
        try await call(.DELETE, "/v1/pipelines/\(Self.segment(pipeline))/canary")
    }
}
