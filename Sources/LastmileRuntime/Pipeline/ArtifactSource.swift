import Foundation

/// Where compiled pipelines get model bytes.
///
/// The server adapts its artifact store to this protocol; tests use an in-memory dictionary.
public protocol ArtifactSource: Sendable {
    /// The ONNX bytes of the artifact with this sha256 (lowercase hex); throws when there is none.
    func modelBytes(sha256: String) throws -> Data
}
