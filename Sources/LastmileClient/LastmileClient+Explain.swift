import Foundation
import LastmileAPI

extension LastmileClient {
    /// `POST /v1/pipelines/{p}/explain`: SHAP values of `request.rows` against its background.
    public func explain(pipeline: String, _ request: ExplainRequest) async throws -> Explanation {
        try await call(.POST, "/v1/pipelines/\(Self.segment(pipeline))/explain", json: request)
    }
}
