import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The log's files: the catalog readers use and the writer state, each behind its own lock.
///
/// The writer lock is held across disk I/O, but only the writer thread and retention take it;
/// readers take the catalog lock just long enough to copy a pipeline's segment list.
final class LogStorage: Sendable {
    /// The log's root folder (`<data-dir>/logs`).
    let root: URL
    /// Retention settings.
    let maxAge: Duration?
    /// Retention by size.
    let maxBytes: Int64?
    private let catalog: Mutex<LogCatalog>
    private let writer: Mutex<SegmentWriter>

    /// Opens the log under `root`, creating the folder and recovering every segment.
    init(root: URL, configuration: InferenceLogConfiguration) throws {
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.io, "could not create the inference log folder \(root.path(percentEncoded: false)): \(error.localizedDescription); check that the data directory is writable", underlying: error)
        }
        let recovered = try SegmentRecovery.open(root: root)
        self.root = root
        maxAge = configuration.maxAge
        maxBytes = configuration.maxBytes
        catalog = Mutex(LogCatalog(recovered))
        writer = Mutex(SegmentWriter(root: root, segmentBytes: configuration.segmentBytes, recovered: recovered))
    }

    /// Appends and fsyncs `chunks`, then publishes the committed segments to readers.
    func commit(_ chunks: [[InferenceLogEntry]]) -> SegmentWriter.Outcome {
        writer.withLock { writer in
            let outcome = writer.write(chunks)
            catalog.withLock { catalog in
                for update in outcome.updates {
                    catalog.publish(update.segment, pipeline: update.pipeline)
                }
            }
            return outcome
        }
    }

    /// The committed segments of `pipeline`, sorted by sequence.
    func segments(of pipeline: String) -> [SegmentInfo] {
        catalog.withLock { $0.segments(of: pipeline) }
    }

    /// Deletes the segments that `maxAge` (relative to `now`) and `maxBytes` rule out.
    ///
    /// Deletes what it can and throws the first failure.
    func applyRetention(now: Date) throws {
        guard maxAge != nil || maxBytes != nil else { return }
        let cutoff = maxAge.map { Self.saturatingSubtract(Timestamp.milliseconds(now), Self.milliseconds($0)) }
        try writer.withLock { writer in
            let victims = catalog.withLock { $0.retentionVictims(cutoff: cutoff, maxBytes: maxBytes) }
            var folders: [URL] = []
            var failure: (any Error)?
            for victim in victims {
                writer.forget(pipeline: victim.pipeline, sequence: victim.segment.sequence)
                catalog.withLock { $0.remove(pipeline: victim.pipeline, sequence: victim.segment.sequence) }
                do {
                    try Self.unlink(victim.segment.url)
                    try Self.unlink(victim.segment.summaryURL)
                } catch {
                    failure = failure ?? error
                }
                let folder = victim.segment.url.deletingLastPathComponent()
                if !folders.contains(folder) { folders.append(folder) }
            }
            for folder in folders {
                do {
                    try DurableFile.syncDirectory(folder, what: "deleted inference log segments")
                } catch {
                    failure = failure ?? error
                }
            }
            if let failure { throw failure }
        }
    }

    /// Closes the writer's open files (reads still work).
    func closeFiles() {
        writer.withLock { $0.closeFiles() }
    }

    /// Removes `url`; a file that is gone already is fine.
    private static func unlink(_ url: URL) throws {
        let result = url.withUnsafeFileSystemRepresentation { path -> Int32 in
            guard let path else { return -1 }
            #if canImport(Glibc)
            return Glibc.unlink(path)
            #elseif canImport(Musl)
            return Musl.unlink(path)
            #else
            return Darwin.unlink(path)
            #endif
        }
        if result != 0 && errno != ENOENT {
            throw SegmentFile.failure("delete the expired inference log file \(url.path(percentEncoded: false))")
        }
    }

    /// `duration` in whole milliseconds, saturating at the ends of `Int64`.
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? .min : .max }
        return saturatingSubtract(scaled, -(attoseconds / 1_000_000_000_000_000))
    }

    private static func saturatingSubtract(_ left: Int64, _ right: Int64) -> Int64 {
        let (difference, overflow) = left.subtractingReportingOverflow(right)
        if overflow { return right < 0 ? .max : .min }
        return difference
    }
}
