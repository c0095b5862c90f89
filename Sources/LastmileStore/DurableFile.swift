import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe file writes: a file appears whole under its final name, or not at all.
enum DurableFile {
    /// Writes `bytes` to `destination` through a temporary file in the same directory.
    ///
    /// The temporary file is written, fsynced and renamed over `destination`, then the
    /// directory is fsynced so the rename itself survives a crash. On failure the temporary
    /// file is removed and nothing is left under `destination`.
    /// - Parameter what: the object being written, for error messages.
    static func save(_ bytes: Data, to destination: URL, what: String) throws {
        let directory = destination.deletingLastPathComponent()
        let temporary = directory.appending(path: ".tmp-\(UUID().uuidString.lowercased())")
        let descriptor = try call("create a temporary file for \(what) in \(directory.path(percentEncoded: false))") {
            temporary.withUnsafeFileSystemRepresentation { path -> Int32 in
                guard let path else { return -1 }
                return open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            }
        }
        var renamed = false
        defer {
            if !renamed {
                _ = temporary.withUnsafeFileSystemRepresentation { path in path.map { unlink($0) } }
            }
        }
        do {
            defer { close(descriptor) }
            try bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count {
                    let written = try call("write \(what)") { write(descriptor, base + offset, buffer.count - offset) }
                    offset += written
                }
            }
            _ = try call("flush \(what) to disk") { fsync(descriptor) }
        }
        _ = try call("move \(what) into place at \(destination.path(percentEncoded: false))") {
            temporary.withUnsafeFileSystemRepresentation { from -> Int32 in
                destination.withUnsafeFileSystemRepresentation { to -> Int32 in
                    guard let from, let to else { return -1 }
                    return rename(from, to)
                }
            }
        }
        renamed = true
        try syncDirectory(directory, what: what)
    }

    /// Fsyncs `directory`, so that names created or renamed in it survive a crash.
    static func syncDirectory(_ directory: URL, what: String) throws {
        let descriptor = try call("open \(directory.path(percentEncoded: false)) to flush \(what)") {
            directory.withUnsafeFileSystemRepresentation { path -> Int32 in
                guard let path else { return -1 }
                return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            }
        }
        defer { close(descriptor) }
        _ = try call("flush \(directory.path(percentEncoded: false)) to disk for \(what)") { fsync(descriptor) }
    }

    /// Runs a POSIX call, retrying on `EINTR`, and throws `.io` with `errno`'s text when it
    /// returns a negative value.
    private static func call<Result: BinaryInteger>(_ action: @autoclosure () -> String, _ body: () -> Result) throws -> Result {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            let reason = String(cString: strerror(code))
            throw StoreError(.io, "could not \(action()): \(reason); check that the data directory is writable and the disk has space")
        }
    }
}
