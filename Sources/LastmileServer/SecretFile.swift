import Foundation
import Glibc
import LastmileStore

/// Writes files that hold secrets (the admin token, the CLI's saved login): created with mode
/// 0600 from the start, so there is no moment in which others can read them.
package enum SecretFile {
    /// Writes `data` to `url`, replacing what was there, readable and writable by the owner only.
    package static func write(_ data: Data, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw StoreError(.io, "could not write \(url.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        fchmod(fd, 0o600)
        let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw StoreError(.io, "could not write \(url.path)") }
    }
}
