import Foundation
import Hummingbird
import LastmileAPI

extension Platform {
    func addCanaryRoutes(to router: Router<LastmileRequestContext>) {
        router.post("/v1/pipelines/{pipeline}/canary") { request, context in
            let pipeline = try self.requirePipeline(context.parameters.require("pipeline"), context: context, role: .collaborator, to: "start canaries")
            let body = try await request.decodeJSON(CreateCanaryRequest.self, limit: self.configuration.maxRequestBytes)
            let canary = try await self.canaries.start(body, pipeline: pipeline, platform: self, now: Date())
            return try Response.json(canary, status: .created)
        }
        router.get("/v1/pipelines/{pipeline}/canary") { _, context in
            let pipeline = try self.requirePipeline(context.parameters.require("pipeline"), context: context, role: .viewer, to: "read canaries")
            guard let canary = try self.store.canary(pipeline: pipeline.name) else {
                throw APIError.notFound("pipeline \"\(pipeline.name)\" has had no canary; start one with POST /v1/pipelines/\(pipeline.name)/canary")
            }
            return try Response.json(canary)
        }
        router.delete("/v1/pipelines/{pipeline}/canary") { _, context in
            let pipeline = try self.requirePipeline(context.parameters.require("pipeline"), context: context, role: .collaborator, to: "abort canaries")
            return try Response.json(try await self.canaries.abort(pipeline: pipeline.name, platform: self, now: Date()))
        }
    }
}
