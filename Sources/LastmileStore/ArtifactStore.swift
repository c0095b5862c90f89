import Foundation

/// Model artifacts on disk, addressed by the SHA-256 of their bytes.
///
/// An artifact with digest `abcdef...` lives at `<directory>/sha256/ab/abcdef...`. Files are
/// written through a temporary file in the same directory, fsynced and renamed, so an artifact
/// is either whole or absent after a crash. Writing the same bytes twice stores them once.
public struct ArtifactStore: Sendable {
    /// The root of the store (`<data directory>/artifacts` for a `Store`).
    public let directory: URL

    /// Opens the artifact store rooted at `directory`, creating the directory if needed.
    ///
    /// `Store` passes `<data directory>/artifacts`. Throws `.io` when the directory cannot be
    /// created.
    public init(directory: URL) throws {
        self.directory = directory
        let digests = directory.appending(path: "sha256", directoryHint: .isDirectory)
        do {
            try FileManager.default.createDirectory(at: digests, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.io, "could not create the artifact directory \(digests.path(percentEncoded: false)): \(error.localizedDescription); check that the data directory is writable", underlying: error)
        }
    }

    /// Stores `bytes` under their SHA-256 and returns the digest (lowercase hex) and size.
    ///
    /// Writes a temporary file in the destination directory, fsyncs it, renames it to
    /// `sha256/ab/<hex>` and fsyncs the directory. When a file of the right size exists under
    /// that name already, nothing is written. Throws `.io` when the disk fails.
    @discardableResult
    public func write(_ bytes: Data) throws -> (sha256: String, size: Int) {
        let digest = Hex.sha256(bytes)
        let destination = url(sha256: digest)
        if let size = try? FileManager.default.attributesOfItem(atPath: destination.path(percentEncoded: false))[.size] as? Int,
           size == bytes.count {
            return (digest, bytes.count)
        }
        let shard = destination.deletingLastPathComponent()
        let shardIsNew = !FileManager.default.fileExists(atPath: shard.path(percentEncoded: false))
        if shardIsNew {
            do {
                try FileManager.default.createDirectory(at: shard, withIntermediateDirectories: true)
            } catch {
                throw StoreError(.io, "could not create the artifact directory \(shard.path(percentEncoded: false)): \(error.localizedDescription); check that the data directory is writable", underlying: error)
            }
            try DurableFile.syncDirectory(shard.deletingLastPathComponent(), what: "artifact \(digest)")
        }
        try DurableFile.save(bytes, to: destination, what: "artifact \(digest)")
        return (digest, bytes.count)
    }

    /// The bytes of the artifact with digest `sha256`.
    ///
    /// Throws `.invalid` when `sha256` is not 64 lowercase hex characters (so no name can
    /// reach outside the store), `.notFound` when no such artifact exists, and `.io` when the
    /// file cannot be read or its bytes no longer hash to `sha256`.
    public func read(sha256: String) throws -> Data {
        guard Hex.isSHA256(sha256) else {
            throw StoreError(.invalid, "\"\(sha256.prefix(80))\" is not an artifact digest; digests are 64 lowercase hex characters (a SHA-256)")
        }
        let file = url(sha256: sha256)
        let bytes: Data
        do {
            bytes = try Data(contentsOf: file)
        } catch {
            if !FileManager.default.fileExists(atPath: file.path(percentEncoded: false)) {
                throw StoreError(.notFound, "no artifact with digest \(sha256) in \(directory.path(percentEncoded: false)); upload the model again", underlying: error)
            }
            throw StoreError(.io, "could not read artifact \(sha256): \(error.localizedDescription); check the data directory's permissions", underlying: error)
        }
        let actual = Hex.sha256(bytes)
        guard actual == sha256 else {
            throw StoreError(.io, "artifact \(sha256) is corrupt: its bytes hash to \(actual); upload the model again")
        }
        return bytes
    }

    /// Where the artifact with digest `sha256` lives (whether or not it exists).
    ///
    /// For a string that is not 64 lowercase hex characters, returns a URL under
    /// `<directory>/sha256/invalid` that the store never writes, so no input names a file
    /// outside the store.
    public func url(sha256: String) -> URL {
        let digests = directory.appending(path: "sha256", directoryHint: .isDirectory)
        guard Hex.isSHA256(sha256) else {
            return digests.appending(path: "invalid", directoryHint: .isDirectory).appending(path: "artifact", directoryHint: .notDirectory)
        }
        return digests
            .appending(path: String(sha256.prefix(2)), directoryHint: .isDirectory)
            .appending(path: sha256, directoryHint: .notDirectory)
    }
}
