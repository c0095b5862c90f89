import Foundation
import LastmileAPI

/// The writer side of the log: each pipeline's open segment, and how a batch of rows becomes
/// appended, fsynced records.
///
/// Lives in a `Mutex` that only the writer thread and retention take, never the request path.
/// `write` returns the segments whose committed state changed, for the catalog.
struct SegmentWriter {
    /// One pipeline's writing state.
    struct Pipeline {
        /// The pipeline's folder.
        var folder: URL
        /// The segment being appended to, counting records written but not yet fsynced.
        var written: SegmentInfo?
        /// The same segment as of its last fsync.
        var committed: SegmentInfo?
        /// The open segment file, opened on first use.
        var file: SegmentFile?
        /// The sequence number of the next new segment.
        var nextSequence: UInt64
    }

    /// The result of writing one batch.
    struct Outcome {
        /// Segments whose committed state changed (new, grown or sealed).
        var updates: [(pipeline: String, segment: SegmentInfo)] = []
        /// Rows that were not committed because their pipeline's write failed.
        var failedRows = 0
        /// The first failure, if any.
        var error: StoreError?
    }

    /// The log's root folder (`<data-dir>/logs`).
    let root: URL
    /// Seal a segment once it would grow past this.
    let segmentBytes: Int
    /// Encoded bytes held before they are written, bounding the writer's memory per batch.
    private static let bufferBytes = 1 << 20
    /// The writing state of every pipeline seen so far.
    private(set) var pipelines: [String: Pipeline] = [:]

    /// A writer that continues each recovered pipeline's last segment.
    init(root: URL, segmentBytes: Int, recovered: [String: [SegmentInfo]]) {
        self.root = root
        self.segmentBytes = max(1, segmentBytes)
        for (name, segments) in recovered {
            let last = segments.last
            pipelines[name] = Pipeline(
                folder: root.appending(path: name, directoryHint: .isDirectory),
                written: last, committed: last, file: nil,
                nextSequence: (last?.sequence ?? 0) + 1
            )
        }
    }

    /// Appends `chunks` (each one append's rows, in queue order) and fsyncs every segment
    /// written to. A pipeline whose write fails is rolled back to its last fsync; the others
    /// are still committed.
    mutating func write(_ chunks: [[InferenceLogEntry]]) -> Outcome {
        var outcome = Outcome()
        for (name, entries) in Self.grouped(chunks) {
            do {
                try write(entries, pipeline: name, into: &outcome)
            } catch {
                rollBack(name, into: &outcome)
                outcome.failedRows += entries.reduce(0) { $0 + $1.rows }
                if outcome.error == nil {
                    outcome.error = error as? StoreError
                        ?? StoreError(.io, "could not write the inference log of pipeline \"\(name)\": \(error)", underlying: error)
                }
            }
        }
        return outcome
    }

    /// Closes the segment of `pipeline` whose sequence is `sequence`, when it is the open one,
    /// so retention can delete it; the next row starts a new segment.
    mutating func forget(pipeline name: String, sequence: UInt64) {
        guard var pipeline = pipelines[name], pipeline.written?.sequence == sequence else { return }
        pipeline.file?.close()
        pipeline.file = nil
        pipeline.written = nil
        pipeline.committed = nil
        pipelines[name] = pipeline
    }

    /// Closes every open segment file.
    mutating func closeFiles() {
        for name in pipelines.keys {
            pipelines[name]?.file?.close()
            pipelines[name]?.file = nil
        }
    }

    // MARK: - Writing

    private mutating func write(_ entries: [InferenceLogEntry], pipeline name: String, into outcome: inout Outcome) throws {
        var pipeline = try pipelines[name] ?? makePipeline(name)
        defer { pipelines[name] = pipeline }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(min(2 * Self.bufferBytes, entries.reduce(0) { $0 + LogRecord.size(of: $1) }))
        for entry in entries {
            let size = LogRecord.size(of: entry)
            if let written = pipeline.written, written.bytes == 0 || written.bytes + size <= segmentBytes {
                if pipeline.file == nil {
                    pipeline.file = try SegmentFile.openForWriting(written.url, create: false)
                }
            } else {
                try flush(&buffer, of: pipeline)
                if pipeline.written != nil {
                    try seal(&pipeline, into: &outcome)
                }
                try startSegment(&pipeline, firstTime: entry.timeMillis, into: &outcome)
            }
            LogRecord.append(entry, to: &buffer)
            pipeline.written?.add(time: entry.timeMillis, rows: entry.rows, anomalous: entry.anomalousRows, bytes: size)
            if buffer.count >= Self.bufferBytes {
                try flush(&buffer, of: pipeline)
            }
        }
        try flush(&buffer, of: pipeline)
        try pipeline.file?.sync()
        pipeline.committed = pipeline.written
        if let committed = pipeline.committed {
            outcome.updates.append((name, committed))
        }
    }

    /// Writes the encoded records in `buffer` at the end of the pipeline's segment.
    private func flush(_ buffer: inout [UInt8], of pipeline: Pipeline) throws {
        guard !buffer.isEmpty, let file = pipeline.file, let written = pipeline.written else { return }
        try buffer.withUnsafeBytes { try file.write($0, at: written.bytes - buffer.count) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Fsyncs and closes the open segment, marks it sealed and writes its summary.
    private func seal(_ pipeline: inout Pipeline, into outcome: inout Outcome) throws {
        try pipeline.file?.sync()
        pipeline.file?.close()
        pipeline.file = nil
        guard var segment = pipeline.written else { return }
        segment.sealed = true
        pipeline.written = nil
        pipeline.committed = nil
        outcome.updates.append((pipeline.folder.lastPathComponent, segment))
        // Without a summary the segment is rescanned at the next open: slower, still correct.
        try? SegmentSummary.save(segment)
    }

    /// Creates the pipeline's next segment, named after `firstTime`, and makes its name durable.
    private func startSegment(_ pipeline: inout Pipeline, firstTime: Int64, into outcome: inout Outcome) throws {
        let name = SegmentInfo.fileName(sequence: pipeline.nextSequence, firstTime: firstTime)
        let url = pipeline.folder.appending(path: name, directoryHint: .notDirectory)
        pipeline.file = try SegmentFile.openForWriting(url, create: true)
        let segment = SegmentInfo(url: url, sequence: pipeline.nextSequence)
        pipeline.nextSequence += 1
        pipeline.written = segment
        pipeline.committed = segment
        try DurableFile.syncDirectory(pipeline.folder, what: "log segment \(name)")
        outcome.updates.append((pipeline.folder.lastPathComponent, segment))
    }

    /// The state of a pipeline seen for the first time, after creating its folder.
    private func makePipeline(_ name: String) throws -> Pipeline {
        let folder = root.appending(path: name, directoryHint: .isDirectory)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.io, "could not create the inference log folder \(folder.path(percentEncoded: false)): \(error.localizedDescription); check that the data directory is writable", underlying: error)
        }
        try DurableFile.syncDirectory(root, what: "the inference log folder of pipeline \"\(name)\"")
        return Pipeline(folder: folder, written: nil, committed: nil, file: nil, nextSequence: 1)
    }

    /// Undoes the unsynced part of a failed write: truncates the open segment to its last
    /// fsync, or, when even that fails, abandons the segment (recovery trims it at the next
    /// open) so the next row starts a new one.
    private mutating func rollBack(_ name: String, into outcome: inout Outcome) {
        guard var pipeline = pipelines[name] else { return }
        defer { pipelines[name] = pipeline }
        guard let file = pipeline.file, let committed = pipeline.committed else {
            pipeline.written = pipeline.committed
            return
        }
        do {
            try file.truncate(to: committed.bytes)
            pipeline.written = committed
        } catch {
            file.close()
            var abandoned = committed
            abandoned.sealed = true
            outcome.updates.append((name, abandoned))
            pipeline.file = nil
            pipeline.written = nil
            pipeline.committed = nil
        }
    }

    /// The rows of `chunks` per pipeline, each pipeline's rows in queue order.
    private static func grouped(_ chunks: [[InferenceLogEntry]]) -> [(String, [InferenceLogEntry])] {
        var order: [String] = []
        var groups: [String: [InferenceLogEntry]] = [:]
        for chunk in chunks {
            guard let first = chunk.first?.pipeline else { continue }
            if chunk.allSatisfy({ $0.pipeline == first }) {
                if groups[first] == nil { order.append(first) }
                groups[first, default: []].append(contentsOf: chunk)
                continue
            }
            for entry in chunk {
                if groups[entry.pipeline] == nil { order.append(entry.pipeline) }
                groups[entry.pipeline, default: []].append(entry)
            }
        }
        return order.map { ($0, groups[$0] ?? []) }
    }
}
