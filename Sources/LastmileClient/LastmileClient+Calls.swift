import Foundation
import LastmileAPI

private struct Empty: Codable {}

extension LastmileClient {
    // MARK: - Users

    /// `GET /v1/users/me`: the user the token belongs to.
    public func me() async throws -> User {
        try await call(.GET, "/v1/users/me")
    }

    /// `POST /v1/users` (admins): creates a user and returns its token, shown only this once.
    public func createUser(name: String, admin: Bool = false) async throws -> CreateUserReply {
        try await call(.POST, "/v1/users", json: CreateUserRequest(name: name, admin: admin))
    }

    // MARK: - Workspaces

    /// `POST /v1/workspaces`: creates a workspace owned by the caller.
    public func createWorkspace(name: String) async throws -> Workspace {
        try await call(.POST, "/v1/workspaces", json: CreateWorkspaceRequest(name: name))
    }

    /// `GET /v1/workspaces`: the workspaces the caller can see.
    public func workspaces() async throws -> [Workspace] {
        try await call(.GET, "/v1/workspaces")
    }

    /// `GET /v1/workspaces/{ws}`.
    public func workspace(_ name: String) async throws -> Workspace {
        try await call(.GET, "/v1/workspaces/\(Self.segment(name))")
    }

    /// `POST /v1/workspaces/{ws}/members`: adds a member or changes a member's role (owners).
    public func addMember(workspace: String, user: String, role: WorkspaceRole) async throws -> Workspace {
        try await call(.POST, "/v1/workspaces/\(Self.segment(workspace))/members", json: Member(user: user, role: role))
    }

    // MARK: - Models

    /// `POST /v1/workspaces/{ws}/models/{model}`: uploads ONNX bytes as the model's next version.
    ///
    /// - Parameter progress: called with the bytes sent so far and the total, as chunks go out.
    public func uploadModel(workspace: String, name: String, onnx: Data, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> ModelVersion {
        let reply = try await send(.POST, "/v1/workspaces/\(Self.segment(workspace))/models/\(Self.segment(name))", body: onnx, contentType: "application/octet-stream", progress: progress)
        return try decode(reply)
    }

    /// `GET /v1/workspaces/{ws}/models`.
    public func models(workspace: String) async throws -> [Model] {
        try await call(.GET, "/v1/workspaces/\(Self.segment(workspace))/models")
    }

    /// `GET /v1/workspaces/{ws}/models/{model}`.
    public func model(workspace: String, name: String) async throws -> Model {
        try await call(.GET, "/v1/workspaces/\(Self.segment(workspace))/models/\(Self.segment(name))")
    }

    // MARK: - Pipelines

    /// `PUT /v1/pipelines/{p}`: creates the pipeline's next version from steps.
    public func createPipeline(name: String, workspace: String, steps: [PipelineStep]) async throws -> PipelineVersion {
        try await call(.PUT, "/v1/pipelines/\(Self.segment(name))", json: CreatePipelineRequest(workspace: workspace, steps: steps))
    }

    /// `GET /v1/pipelines`.
    public func pipelines() async throws -> [Pipeline] {
        try await call(.GET, "/v1/pipelines")
    }

    /// `GET /v1/pipelines/{p}`.
    public func pipeline(_ name: String) async throws -> Pipeline {
        try await call(.GET, "/v1/pipelines/\(Self.segment(name))")
    }

    /// `GET /v1/pipelines/{p}/versions`, oldest first.
    public func pipelineVersions(_ name: String) async throws -> [PipelineVersion] {
        try await call(.GET, "/v1/pipelines/\(Self.segment(name))/versions")
    }

    // MARK: - Deployments

    /// `POST /v1/pipelines/{p}/deploy`: deploys a version (the latest by default) and waits until it runs.
    public func deploy(pipeline: String, version: Int? = nil, config: DeploymentConfig? = nil) async throws -> Deployment {
        try await call(.POST, "/v1/pipelines/\(Self.segment(pipeline))/deploy", json: DeployRequest(version: version, config: config))
    }

    /// `POST /v1/pipelines/{p}/undeploy`.
    public func undeploy(pipeline: String) async throws {
        let _: Empty = try await call(.POST, "/v1/pipelines/\(Self.segment(pipeline))/undeploy")
    }

    /// `GET /v1/pipelines/{p}/deployment`.
    public func deployment(pipeline: String) async throws -> Deployment {
        try await call(.GET, "/v1/pipelines/\(Self.segment(pipeline))/deployment")
    }

    /// `GET /v1/pipelines/{p}/metrics?window=`: traffic over the last `window` (`30s`, `5m`, `1h`).
    public func metrics(pipeline: String, window: String = "5m") async throws -> PipelineMetricsSummary {
        let query = window.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? window
        return try await call(.GET, "/v1/pipelines/\(Self.segment(pipeline))/metrics?window=\(query)")
    }

    /// The pipeline's traffic over the last `window` (at most an hour), interval by interval.
    public func metricsSeries(pipeline: String, window: String = "1h", step: String? = nil) async throws -> PipelineMetricsSeries {
        var query = "window=" + (window.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? window)
        if let step { query += "&step=" + (step.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? step) }
        return try await call(.GET, "/v1/pipelines/\(Self.segment(pipeline))/metrics/series?\(query)")
    }

    // MARK: - Inference log

    /// The query string of a logs call.
    static func logsQuery(start: Date?, end: Date?, limit: Int?, order: String?, anomalyOnly: Bool, format: String) -> String {
        var items: [String] = ["format=\(format)"]
        if let start { items.append("start=\(Int64((start.timeIntervalSince1970 * 1000).rounded()))") }
        if let end { items.append("end=\(Int64((end.timeIntervalSince1970 * 1000).rounded()))") }
        if let limit { items.append("limit=\(limit)") }
        if let order { items.append("order=\(order)") }
        if anomalyOnly { items.append("anomaly=true") }
        return items.joined(separator: "&")
    }

    /// `GET /v1/pipelines/{p}/logs`: logged rows in the shape of inference replies.
    ///
    /// - Parameters:
    ///   - limit: rows at most (the server's default is 100, and it caps JSON replies at 10,000).
    ///   - order: `asc` (oldest first, the default) or `desc`.
    public func logs(pipeline: String, start: Date? = nil, end: Date? = nil, limit: Int? = nil, order: String? = nil, anomalyOnly: Bool = false) async throws -> [InferenceRecord] {
        let query = Self.logsQuery(start: start, end: end, limit: limit, order: order, anomalyOnly: anomalyOnly, format: "json")
        return try await call(.GET, "/v1/pipelines/\(Self.segment(pipeline))/logs?\(query)")
    }

    /// Streams logged rows as `ndjson` or `csv` into `file`, without holding them in memory.
    ///
    /// - Parameter progress: called with the bytes written so far, as chunks arrive.
    /// - Returns: the bytes written.
    @discardableResult
    public func exportLogs(
        pipeline: String, to file: URL, format: String = "ndjson", start: Date? = nil, end: Date? = nil,
        limit: Int? = nil, order: String? = nil, anomalyOnly: Bool = false, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> Int {
        let query = Self.logsQuery(start: start, end: end, limit: limit, order: order, anomalyOnly: anomalyOnly, format: format)
        return try await download("/v1/pipelines/\(Self.segment(pipeline))/logs?\(query)", to: file, progress: progress)
    }

    // MARK: - Assays

    /// `POST /v1/assays/score`: scores a window of values against a baseline of values; stores nothing.
    public func scoreAssay(_ request: AssayScoreRequest) async throws -> AssayScoreResult {
        try await call(.POST, "/v1/assays/score", json: request)
    }

    /// `POST /v1/assays/preview`: scores windows of a pipeline's logged inferences; stores nothing.
    public func previewAssay(_ request: AssayPreviewRequest) async throws -> AssayPreviewReply {
        try await call(.POST, "/v1/assays/preview", json: request)
    }

    /// `POST /v1/assays`: creates a scheduled assay.
    public func createAssay(_ request: CreateAssayRequest) async throws -> Assay {
        try await call(.POST, "/v1/assays", json: request)
    }

    /// `GET /v1/assays?workspace=`: a workspace's assays.
    public func assays(workspace: String) async throws -> [Assay] {
        let query = workspace.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? workspace
        return try await call(.GET, "/v1/assays?workspace=\(query)")
    }

    /// `GET /v1/assays/{id}`.
    public func assay(id: String) async throws -> Assay {
        try await call(.GET, "/v1/assays/\(Self.segment(id))")
    }

    /// `GET /v1/assays/{id}/results`: scored windows with starts in [start, end], oldest first.
    public func assayResults(id: String, start: Date? = nil, end: Date? = nil) async throws -> [AssayWindowResult] {
        var items: [String] = []
        if let start { items.append("start=\(Int64((start.timeIntervalSince1970 * 1000).rounded()))") }
        if let end { items.append("end=\(Int64((end.timeIntervalSince1970 * 1000).rounded()))") }
        return try await call(.GET, "/v1/assays/\(Self.segment(id))/results" + (items.isEmpty ? "" : "?" + items.joined(separator: "&")))
    }

    /// `GET /v1/assays/{id}/alerts`: the outcomes of the assay's webhook deliveries.
    public func assayAlerts(id: String) async throws -> [AssayAlertDelivery] {
        try await call(.GET, "/v1/assays/\(Self.segment(id))/alerts")
    }

    /// `POST /v1/assays/{id}/active`: turns the assay's schedule on or off.
    public func setAssayActive(id: String, active: Bool) async throws -> Assay {
        try await call(.POST, "/v1/assays/\(Self.segment(id))/active", json: SetAssayActiveRequest(active: active))
    }

    /// `DELETE /v1/assays/{id}`: deletes the assay and its results.
    public func deleteAssay(id: String) async throws {
        let _: Empty = try await call(.DELETE, "/v1/assays/\(Self.segment(id))")
    }

    // MARK: - Inference

    /// `POST /v1/pipelines/{p}/infer` with a records JSON body (a list of row objects); returns the
    /// reply's raw JSON.
    public func infer(pipeline: String, recordsJSON: Data) async throws -> Data {
        let reply = try await send(.POST, "/v1/pipelines/\(Self.segment(pipeline))/infer", body: recordsJSON)
        try Self.check(reply)
        return reply.body
    }

    /// `POST /v1/pipelines/{p}/infer` with rows; returns one record per row.
    public func infer(pipeline: String, rows: [[String: JSONValue]]) async throws -> [InferenceRecord] {
        try await call(.POST, "/v1/pipelines/\(Self.segment(pipeline))/infer", json: rows)
    }

    // MARK: - Open Inference Protocol

    /// `GET /v2`: the server's Open Inference Protocol metadata.
    public func serverMetadata() async throws -> ServerMetadata {
        try await call(.GET, "/v2")
    }

    /// `GET /v2/models/{p}`: a deployed pipeline's inputs and outputs.
    public func modelMetadata(pipeline: String) async throws -> ModelMetadata {
        try await call(.GET, "/v2/models/\(Self.segment(pipeline))")
    }
}
