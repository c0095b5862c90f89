import Hummingbird
import LastmileAPI

extension Platform {
    func addDeploymentRoutes(to router: Router<LastmileRequestContext>) {
        router.post("/v1/pipelines/{pipeline}/deploy") { request, context in
            let pipeline = try self.requirePipeline(context.parameters.require("pipeline"), context: context, role: .collaborator, to: "deploy pipelines")
            let body = try await request.decodeOptionalJSON(DeployRequest.self, limit: self.configuration.maxRequestBytes) ?? DeployRequest()
            let config = body.config ?? pipeline.deployment?.config ?? DeploymentConfig()
            if let problem = config.problem { throw APIError.badRequest(problem) }
            let number = body.version ?? pipeline.latestVersion.version
            guard let version = try self.store.pipelineVersion(pipeline: pipeline.name, version: number) else {
                throw APIError.notFound("pipeline \"\(pipeline.name)\" has no version \(number); its versions are 1 to \(pipeline.latestVersion.version)")
            }
            let deployment = try await self.deployments.deploy(version, config: config)
            return try Response.json(deployment)
        }
        router.post("/v1/pipelines/{pipeline}/undeploy") { _, context in
            let pipeline = try self.requirePipeline(context.parameters.require("pipeline"), context: context, role: .collaborator, to: "undeploy pipelines")
            guard pipeline.deployment != nil else {
                throw APIError.notFound("pipeline \"\(pipeline.name)\" is not deployed")
            }
            try await self.deployments.undeploy(pipeline.name)
            return try Response.json(EmptyReply())
        }
        router.get("/v1/pipelines/{pipeline}/deployment") { _, context in
            let pipeline = try self.requirePipeline(context.parameters.require("pipeline"), context: context, role: .viewer, to: "read deployments")
            guard let deployment = pipeline.deployment else {
                throw APIError.notFound("pipeline \"\(pipeline.name)\" is not deployed; deploy it with POST /v1/pipelines/\(pipeline.name)/deploy")
            }
            return try Response.json(deployment)
        }
    }
}
