import Foundation
import HTTPTypes
import Hummingbird
import LastmileAPI
import LastmileRuntime
import LastmileTensor

extension HTTPField.Name {
    /// The binary tensor data extension's header: the length of the JSON part of a body.
    static let inferenceHeaderContentLength = HTTPField.Name("Inference-Header-Content-Length")!
}

extension Platform {
    /// The Open Inference Protocol (KServe v2) REST surface, with pipeline names as model names.
    func addOpenInferenceRoutes(to router: Router<LastmileRequestContext>) {
        router.get("/v2") { _, _ in
            try Response.json(ServerMetadata(name: "lastmile", version: LastmileVersion.current, extensions: ["binary_tensor_data"]))
        }
        router.get("/v2/health/live") { _, _ in
            try Response.json(["live": true])
        }
        router.get("/v2/health/ready") { [ready] _, _ in
            try Response.json(["ready": ready.isSet], status: ready.isSet ? .ok : .serviceUnavailable)
        }
        router.get("/v2/models/{p}") { _, context in
            try self.modelMetadata(context: context, version: nil)
        }
        router.get("/v2/models/{p}/versions/{v}") { _, context in
            try self.modelMetadata(context: context, version: context.parameters.require("v"))
        }
        router.get("/v2/models/{p}/ready") { _, context in
            try self.modelReady(context: context, version: nil)
        }
        router.get("/v2/models/{p}/versions/{v}/ready") { _, context in
            try self.modelReady(context: context, version: context.parameters.require("v"))
        }
        router.post("/v2/models/{p}/infer") { request, context in
            try await self.openInfer(request, context: context, version: nil)
        }
        router.post("/v2/models/{p}/versions/{v}/infer") { request, context in
            try await self.openInfer(request, context: context, version: context.parameters.require("v"))
        }
    }

    private func requireRunning(context: LastmileRequestContext, version: String?) throws -> DeploymentRegistry.Active {
        let name = try context.parameters.require("p")
        let active = try requireRunning(name, context: context)
        let running = active.runner.pipeline.version.version
        if let version, version != String(running) {
            throw APIError.notFound("pipeline \"\(name)\" runs version \(running), not \"\(version.prefix(20))\"")
        }
        return active
    }

    private func modelMetadata(context: LastmileRequestContext, version: String?) throws -> Response {
        let active = try requireRunning(context: context, version: version)
        let pipeline = active.runner.pipeline
        return try Response.json(ModelMetadata(
            name: pipeline.version.pipeline, versions: [String(pipeline.version.version)], platform: "lastmile",
            inputs: pipeline.inputs, outputs: pipeline.outputs
        ))
    }

    private func modelReady(context: LastmileRequestContext, version: String?) throws -> Response {
        let active = try requireRunning(context: context, version: version)
        return try Response.json(ModelReadyReply(name: active.runner.pipeline.version.pipeline, ready: true))
    }

    private func openInfer(_ request: Request, context: LastmileRequestContext, version: String?) async throws -> Response {
        let active = try requireRunning(context: context, version: version)
        return try await measured(active.runner.pipeline.version.pipeline) { started in
            try await openInfer(request, active: active, started: started)
        }
    }

    private func openInfer(_ request: Request, active: DeploymentRegistry.Active, started: UInt64) async throws -> (Response, Int, Int) {
        var jsonLength: Int?
        if let header = request.headers[.inferenceHeaderContentLength] {
            guard let length = Int(header), length >= 0 else {
                throw APIError.badRequest("the Inference-Header-Content-Length header must be a non-negative integer, the length of the JSON part of the body")
            }
            jsonLength = length
        }
        let buffer = try await request.collectBody(limit: configuration.maxRequestBytes, what: "the inference request")
        let decoded = try buffer.withUnsafeReadableBytes { try OpenInferenceCodec.decodeRequest($0, jsonLength: jsonLength) }
        var feeds: [String: Tensor] = [:]
        for input in decoded.inputs {
            guard feeds.updateValue(input.tensor, forKey: input.name) == nil else {
                throw APIError.badRequest("input \"\(input.name.prefix(63))\" appears twice in the request")
            }
        }
        let rows = feeds.values.first.map { $0.shape.first ?? 1 } ?? 0
        let (pipeline, outputs) = try await infer(feeds, on: active)
        var metadata = Self.validated(pipeline, rows: rows, inputs: feeds, outputs: outputs.values)
        metadata.elapsedNanos = DispatchTime.now().uptimeNanoseconds &- started
        recordRoutes(of: pipeline, inputs: feeds, outputs: outputs, metadata: metadata)
        do {
            try await log(rows: rows, inputs: feeds, outputs: outputs, pipeline: pipeline, metadata: metadata)
        } catch let error as RuntimeError {
            // A request the engine answered is not failed for the log's sake (e.g. rank-0
            // inputs have no rows to record); the skipped rows are reported here.
            logger.warning("rows of a v2 request to \"\(pipeline.version.pipeline)\" were not logged: \(error.message)")
        }
        let anomalies = metadata.anomalousRows
        var selected = outputs.values
        if !decoded.outputs.isEmpty {
            // A challenger's output can be asked for as `out_<model>.<output>`.
            let challengers = outputs.shadows.flatMap { shadow in
                (shadow.values ?? []).map { NamedValue(name: "\(shadow.field).\($0.name)", value: $0.value) }
            }
            selected = try decoded.outputs.map { wanted in
                guard let output = outputs.values.first(where: { $0.name == wanted.name }) ?? challengers.first(where: { $0.name == wanted.name }) else {
                    throw APIError.badRequest("the request asks for output \"\(wanted.name.prefix(63))\", but pipeline \"\(pipeline.version.pipeline)\" has outputs \(pipeline.outputs.map { "\"\($0.name)\"" }.joined(separator: ", "))")
                }
                return output
            }
        }
        let binaryByName = Dictionary(decoded.outputs.map { ($0.name, $0.binaryData) }, uniquingKeysWith: { first, _ in first })
        let binaryDefault = decoded.binaryDataOutput
        let encoded = try OpenInferenceCodec.encodeResponse(
            modelName: pipeline.version.pipeline, modelVersion: String(pipeline.version.version), id: decoded.id, outputs: selected,
            binary: { name in (binaryByName[name] ?? nil) ?? binaryDefault }
        )
        if let headerLength = encoded.jsonLength {
            var headers = HTTPFields()
            headers[.inferenceHeaderContentLength] = String(headerLength)
            return (Response.bytes(encoded.bytes, contentType: "application/octet-stream", headers: headers), rows, anomalies)
        }
        return (Response.bytes(encoded.bytes), rows, anomalies)
    }
}

/// `GET /v2/models/{p}/ready`'s reply.
struct ModelReadyReply: Codable {
    var name: String
    var ready: Bool
}
