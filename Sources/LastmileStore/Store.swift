import Foundation
import GRDB
import LastmileAPI

/// The metadata store and artifact store of one data directory.
///
/// The directory holds `lastmile.sqlite` (users, workspaces, models, pipelines, deployments; a
/// SQLite database in WAL mode with foreign keys on) and `artifacts/` (model bytes, addressed by
/// SHA-256; see `ArtifactStore`). Methods are synchronous and safe to call from any thread:
/// reads run concurrently, writes are serialised. Every failure is a `StoreError`.
public final class Store: Sendable {
    /// The content-addressed model artifacts, in `<directory>/artifacts`.
    public let artifacts: ArtifactStore

    let pool: DatabasePool

    /// Opens (creating if needed) the store in `directory` and brings its schema up to date.
    ///
    /// Throws `.io` when the directory or database cannot be created or opened, and `.invalid`
    /// when the database was written by a newer version of Lastmile.
    public init(directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.io, "could not create the data directory \(directory.path(percentEncoded: false)): \(error.localizedDescription); check that its parent exists and is writable", underlying: error)
        }
        let path = directory.appending(path: "lastmile.sqlite").path(percentEncoded: false)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "lastmile"
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError.wrapping(error, action: "open the database \(path)")
        }
        let migrator = StoreSchema.migrator
        do {
            if try pool.read({ db in try migrator.hasBeenSuperseded(db) }) {
                throw StoreError(.invalid, "the database \(path) was written by a newer version of Lastmile; run that version or a newer one")
            }
            try migrator.migrate(pool)
        } catch {
            throw StoreError.wrapping(error, action: "migrate the database \(path)")
        }
        self.pool = pool
        self.artifacts = try ArtifactStore(directory: directory.appending(path: "artifacts"))
    }

    /// Runs `body` in a read transaction, mapping its failures to `StoreError`.
    ///
    /// - Parameter action: what the read is for, in words that follow "could not".
    func read<T>(_ action: @autoclosure () -> String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.wrapping(error, action: action())
        }
    }

    /// Runs `body` in a write transaction, mapping its failures to `StoreError`.
    ///
    /// Writes are serialised, so a check followed by a write inside `body` cannot race another
    /// write.
    /// - Parameter action: what the write is for, in words that follow "could not".
    func write<T>(_ action: @autoclosure () -> String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch {
            throw StoreError.wrapping(error, action: action())
        }
    }

    /// A new random identifier: a lowercased UUID.
    static func newID() -> String {
        UUID().uuidString.lowercased()
    }

    /// Throws `.invalid` when `name` breaks `ResourceName`'s rule.
    static func validate(_ name: String, kind: String) throws {
        if let problem = ResourceName.problem(with: name, kind: kind) {
            throw StoreError(.invalid, problem)
        }
    }
}
