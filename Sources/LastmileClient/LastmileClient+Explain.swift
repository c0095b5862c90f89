import Foundation
import LastmileAPI

extension LastmileClient {
    /// `POST /v1/pipelines/{p}/explain`: SHAP values of `request.rows` against its background.
    public func explain(pipeline: String, _ request: ExplainRequest) async throws -> Explanation {
        try await call(.POST, "/v1/pipelines/\(Self.segment(pipeline))/explain", json: request)
    }

    /// `POST /v1/pipelines/{p}/explain/global`: mean |SHAP| and partial dependence over data.
    public func explainGlobally(pipeline: String, _ request: GlobalExplainRequest) async throws -> GlobalExplanation {
        try await call(.POST, "/v1/pipelines/\(Self.segment(pipeline))/explain/global", json: request)
    }
}
