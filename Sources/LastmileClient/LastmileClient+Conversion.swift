import Foundation
import LastmileAPI

extension LastmileClient {
    /// Uploads a native artifact for the server to convert to ONNX
    /// (`POST /v1/workspaces/{ws}/models/{name}?framework=...`).
    ///
    /// Returns the new version in status `converting`; poll `model(workspace:name:)` (or use
    /// `waitForConversion`) until it is `ready` or `failed`. The server answers 501 when it was
    /// started without `--converter-python`.
    public func uploadNativeModel(workspace: String, name: String, framework: ModelFramework, artifact: Data, sample: JSONValue) async throws -> ModelVersion {
        let body = ConvertModelRequest(artifact: artifact.base64EncodedString(), sample: sample)
        return try await call(.POST, "/v1/workspaces/\(Self.segment(workspace))/models/\(Self.segment(name))?framework=\(framework.rawValue)", json: body)
    }

    /// Polls version `id` of `name` every `interval` until it is no longer `converting` and returns it.
    public func waitForConversion(workspace: String, name: String, id: String, interval: Duration = .milliseconds(200)) async throws -> ModelVersion {
        while true {
            let versions = try await model(workspace: workspace, name: name).versions
            guard let version = versions.first(where: { $0.id == id }) else {
                throw ClientError(status: 404, code: "not_found", message: "model \"\(name)\" has no version \(id)")
            }
            if version.status != .converting { return version }
            try await Task.sleep(for: interval)
        }
    }
}
