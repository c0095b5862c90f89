import Foundation
import Hummingbird
import LastmileAPI
import LastmileRuntime

extension Platform {
    func addModelRoutes(to router: Router<LastmileRequestContext>) {
        router.post("/v1/workspaces/{ws}/models/{model}") { request, context in
            let caller = try context.requireUser()
            let workspace = try self.requireWorkspace(context.parameters.require("ws"))
            let name = try context.parameters.require("model")
            if let problem = ResourceName.problem(with: name, kind: "model") { throw APIError.badRequest(problem) }
            try self.authenticator.require(.collaborator, in: workspace.name, for: caller, to: "upload models")
            if let framework = request.uri.queryParameters.get("framework") {
                return try await self.startConversion(request, workspace: workspace.name, model: name, framework: framework)
            }
            let buffer = try await request.collectBody(limit: self.configuration.maxModelBytes, what: "the model")
            guard buffer.readableBytes > 0 else {
                throw APIError.badRequest("the body is empty; send the ONNX file's bytes as the body (Content-Type: application/octet-stream)")
            }
            let bytes = Data(buffer.readableBytesView)
            let signature = try await Blocking.run("lastmile-model-check") {
                let read = try ModelSignature.read(bytes)
                return (read.inputs, read.outputs)
            }
            let version = try self.store.addModelVersion(workspace: workspace.name, model: name, bytes: bytes, inputs: signature.0, outputs: signature.1)
            return try Response.json(version, status: .created)
        }
        router.get("/v1/workspaces/{ws}/models") { _, context in
            let caller = try context.requireUser()
            let workspace = try self.requireWorkspace(context.parameters.require("ws"))
            try self.authenticator.require(.viewer, in: workspace.name, for: caller, to: "list models")
            return try Response.json(try self.store.models(in: workspace.name))
        }
        router.get("/v1/workspaces/{ws}/models/{model}") { _, context in
            let caller = try context.requireUser()
            let workspace = try self.requireWorkspace(context.parameters.require("ws"))
            try self.authenticator.require(.viewer, in: workspace.name, for: caller, to: "read models")
            let name = try context.parameters.require("model")
            guard let model = try self.store.model(workspace: workspace.name, name: name) else {
                throw APIError.notFound("workspace \"\(workspace.name)\" has no model named \"\(name.prefix(63))\"")
            }
            return try Response.json(model)
        }
    }
}
