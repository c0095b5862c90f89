import Foundation
import LastmileRuntime
import LastmileStore

/// Adapts the store's artifact files to the runtime's `ArtifactSource`.
struct StoreArtifactSource: ArtifactSource {
    let artifacts: ArtifactStore

    func modelBytes(sha256: String) throws -> Data {
        try artifacts.read(sha256: sha256)
    }
}
