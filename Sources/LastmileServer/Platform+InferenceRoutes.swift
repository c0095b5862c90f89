import Foundation
import Hummingbird
import LastmileAPI
import LastmileRuntime
import LastmileStore
import LastmileTensor

extension Platform {
    func addInferenceRoutes(to router: Router<LastmileRequestContext>) {
        router.post("/v1/pipelines/{pipeline}/infer") { request, context in
            let name = try context.parameters.require("pipeline")
            let active = try self.requireRunning(name, context: context)
            return try await self.measured(name) { started in
                let buffer = try await request.collectBody(limit: self.configuration.maxRequestBytes, what: "the inference request")
                let decoded = try buffer.withUnsafeReadableBytes { try RecordsCodec.decode($0, inputs: active.runner.pipeline.inputs) }
                let (pipeline, outputs) = try await self.infer(decoded.tensors, on: active)
                var metadata = Self.validated(pipeline, rows: decoded.rows, inputs: decoded.tensors, outputs: outputs.values)
                metadata.elapsedNanos = DispatchTime.now().uptimeNanoseconds &- started
                self.recordRoutes(of: pipeline, inputs: decoded.tensors, outputs: outputs, metadata: metadata)
                let reply = try await self.logged(rows: decoded.rows, inputs: decoded.tensors, outputs: outputs, pipeline: pipeline, metadata: metadata)
                return (Response.bytes(reply), decoded.rows, metadata.anomalousRows)
            }
        }
    }

    /// Runs `inputs` on the deployment `active`, following hot swaps: a request that reaches a
    /// deployment just as a new version replaced it (so it refuses new work while it drains)
    /// runs on the replacement instead of failing. Returns the compiled pipeline that answered
    /// and its outputs, challengers' included.
    func infer(_ inputs: [String: Tensor], on active: DeploymentRegistry.Active) async throws -> (CompiledPipeline, PipelineOutputs) {
        var runner = active.runner
        while true {
            do {
                return (runner.pipeline, try await runner.evaluate(inputs))
            } catch let error as RuntimeError where error.code == .unavailable {
                guard let next = deployments.running(runner.pipeline.version.pipeline)?.runner, next !== runner else { throw error }
                runner = next
            }
        }
    }

    /// Runs an inference request for `pipeline` and records it in the pipeline's metrics: the
    /// status (`ok` or the error code), rows, anomalous rows and latency. `body` gets the start
    /// time (`DispatchTime` nanoseconds) and returns the reply, its row count and how many rows
    /// a validation flagged.
    func measured(_ pipeline: String, _ body: (UInt64) async throws -> (Response, Int, Int)) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let metrics = self.metrics.pipeline(pipeline)
        do {
            let (response, rows, anomalies) = try await body(started)
            metrics.record(status: "ok", rows: rows, anomalies: anomalies, latencyNanoseconds: DispatchTime.now().uptimeNanoseconds &- started)
            return response
        } catch {
            metrics.record(status: APIError.from(error).code, rows: 0, anomalies: 0, latencyNanoseconds: DispatchTime.now().uptimeNanoseconds &- started)
            throw error
        }
    }

    /// The reply metadata of a run, with every row's validation verdicts when the pipeline has any.
    static func validated(_ pipeline: CompiledPipeline, rows: Int, inputs: [String: Tensor], outputs: [NamedValue]) -> RecordMetadata {
        var metadata = RecordMetadata(pipeline: pipeline.version.pipeline, pipelineVersion: pipeline.version.version, modelVersions: pipeline.modelVersionIDs, elapsedNanos: 0)
        if let validations = pipeline.validations {
            metadata.validationNames = validations.names
            metadata.anomalies = validations.evaluate(rows: rows, inputs: inputs, outputs: outputs)
        }
        return metadata
    }

    /// Encodes the records reply of a request with a prediction id per row, logs the request
    /// and returns the reply's bytes.
    func logged(rows: Int, inputs: [String: Tensor], outputs: PipelineOutputs, pipeline: CompiledPipeline, metadata: RecordMetadata) async throws -> [UInt8] {
        var metadata = metadata
        let time = Self.nowMillis()
        let ids = Self.predictionIDs(rows: rows, timeMillis: time)
        metadata.predictionIds = ids.map(\.description)
        let reply = try RecordsCodec.encodeReply(
            rows: rows, inputs: inputs, inputOrder: pipeline.inputs.map(\.name), outputs: outputs.values, shadows: outputs.shadows,
            metadata: metadata, timeMillis: time
        )
        try await log(rows: rows, inputs: inputs, outputs: outputs, pipeline: pipeline, metadata: metadata, ids: ids, timeMillis: time)
        return reply
    }

    /// Appends a request's rows to the inference log as one binary entry (`LogBatchCodec`),
    /// when logging is on. `ids` are the rows' prediction ids; new ones are made when empty.
    func log(
        rows: Int, inputs: [String: Tensor], outputs: PipelineOutputs, pipeline: CompiledPipeline, metadata: RecordMetadata,
        ids: [PredictionID] = [], timeMillis: Int64? = nil
    ) async throws {
        guard loggingEnabled, rows > 0 else { return }
        let time = timeMillis ?? Self.nowMillis()
        let body = try LogBatchCodec.encode(
            rows: rows, inputs: inputs, inputOrder: pipeline.inputs.map(\.name), outputs: outputs.values, shadows: outputs.shadows, metadata: metadata,
            ids: ids.isEmpty ? Self.predictionIDs(rows: rows, timeMillis: time) : ids
        )
        let counts = (0..<rows).map { row in UInt32(clamping: row < metadata.anomalies.count ? metadata.anomalies[row].count : 0) }
        try await inferenceLog.append([InferenceLogEntry(pipeline: pipeline.version.pipeline, timeMillis: time, anomalyCounts: counts, body: body)])
    }

    /// A new prediction id for each of `rows` rows served at `timeMillis`.
    static func predictionIDs(rows: Int, timeMillis: Int64) -> [PredictionID] {
        var generator = PredictionIDGenerator()
        return (0..<rows).map { _ in generator.make(timeMillis: timeMillis) }
    }

    /// Now, in milliseconds since 1970.
    static func nowMillis() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    /// The running deployment of `name`, after checking that the caller may infer with it.
    ///
    /// Unknown and undeployed pipelines are 404s that say which of the two it is.
    func requireRunning(_ name: String, context: LastmileRequestContext) throws -> DeploymentRegistry.Active {
        let caller = try context.requireUser()
        guard let active = deployments.running(name) else {
            if let pipeline = try store.pipeline(named: name) {
                try authenticator.require(.viewer, in: pipeline.workspace, for: caller, to: "infer")
                if let deployment = pipeline.deployment, deployment.state == .failed {
                    throw APIError.notFound("pipeline \"\(name)\" failed to deploy: \(deployment.error ?? "no reason recorded"); fix it and deploy again")
                }
                throw APIError.notFound("pipeline \"\(name)\" is not deployed; deploy it with POST /v1/pipelines/\(name)/deploy")
            }
            throw APIError.notFound("there is no pipeline named \"\(name.prefix(63))\"")
        }
        try authenticator.require(.viewer, in: active.workspace, for: caller, to: "infer")
        return active
    }
}

extension RecordMetadata {
    /// Rows at least one validation flagged.
    var anomalousRows: Int {
        anomalies.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) }
    }
}
