import Foundation
import LastmileAPI

/// An append-only, checksummed, segmented log of inference rows under `<data-dir>/logs/`.
///
/// Each pipeline has a folder of segment files (`<sequence>-<first time>.log`) holding
/// length-prefixed, CRC-32C-checked records (see `LogRecord`); sealed segments carry a small
/// summary (counts and time range) so opening and range reads need not scan them.
///
/// Appends only queue rows under a lock; a dedicated writer thread commits the queue in
/// batches (group commit): it writes every queued row, fsyncs once per pipeline touched, then
/// resumes sync appends and flushes. Reads see committed rows only and run alongside appends.
/// After a crash, opening the log keeps every fsynced record and truncates a torn tail.
public final class InferenceLog: Sendable {
    /// The log's root folder, as given.
    public let directory: URL
    /// The configuration, as given.
    public let configuration: InferenceLogConfiguration
    private let committer: LogCommitter

    /// Opens the log rooted at `directory` (the server passes `<data-dir>/logs`), creating it
    /// if needed, and starts the writer thread.
    ///
    /// Every segment is recovered first: a torn or corrupt tail is truncated at the last good
    /// record and committed records are kept. Throws `.invalid` for a configuration out of range
    /// (`segmentBytes` below 1, negative retention or queue bounds) and `.io` when the folder
    /// cannot be created, listed or repaired.
    public init(directory: URL, configuration: InferenceLogConfiguration = .init()) throws {
        if let problem = Self.problem(with: configuration) {
            throw StoreError(.invalid, problem)
        }
        self.directory = directory
        self.configuration = configuration
        let storage = try LogStorage(root: directory, configuration: configuration)
        committer = LogCommitter(storage: storage, configuration: configuration)
        committer.start()
    }

    deinit {
        committer.stop(nil)
    }

    /// Adds rows to the log, in order.
    ///
    /// In async mode returns once the rows are queued and never waits for the disk; when the
    /// queue already holds `maxPendingBytes`, the rows are dropped and counted in
    /// `droppedRows` instead. In sync mode suspends until the fsync that covers the rows, and
    /// throws `.io` when that write fails or the queue is full. Throws `.invalid` (queueing
    /// nothing) for a row whose pipeline is not a valid name or that is too large, and `.io`
    /// once the log is closed.
    public func append(_ entries: [InferenceLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        let size = try Self.encodedSize(entries)
        switch configuration.durability {
        case .async:
            try check(committer.enqueue(entries, size: size, waiter: nil), rows: entries.reduce(0) { $0 + $1.rows })
        case .sync:
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let admission = committer.enqueue(entries, size: size, waiter: continuation)
                do {
                    try check(admission, rows: entries.reduce(0) { $0 + $1.rows })
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Suspends until every row appended before the call is committed (fsynced).
    ///
    /// Throws the write's `.io` error when committing any of those rows failed. Returns at
    /// once when nothing is outstanding, including after `close()`.
    public func flush() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            committer.flush(continuation)
        }
    }

    /// Streams the matching committed rows to `body` in `order` without loading them all.
    ///
    /// `body` gets each entry (one request's rows) that has matching rows, with the indices of
    /// those rows in `order`; an entry is never passed with an empty list.
    ///
    /// Rows match when they belong to `pipeline`, their time lies in [`start`, `end`]
    /// (milliseconds; nil leaves that side open) and, when `anomalyOnly`, their anomaly count
    /// is above 0. Rows come in time order; rows with equal times in append order (`.asc`) or
    /// its reverse (`.desc`). At most `limit` rows are passed (nil: no limit); returning false
    /// from `body` stops early, and its errors propagate. Appends may run concurrently; rows
    /// committed after the call starts may or may not be seen. Throws `.invalid` for an
    /// invalid pipeline name and `.io` when a segment cannot be read or is corrupt.
    public func read(
        pipeline: String, start: Int64?, end: Int64?, order: LogOrder, anomalyOnly: Bool, limit: Int?,
        _ body: (InferenceLogEntry, [Int]) throws -> Bool
    ) throws {
        try Self.checkName(pipeline)
        let query = LogQuery(pipeline: pipeline, start: start, end: end, anomalyOnly: anomalyOnly)
        try query.read(committer.storage.segments(of: pipeline), order: order, limit: limit, body)
    }

    /// The number of committed rows `read` would pass with the same filters and no limit.
    ///
    /// Uses segment summaries for segments wholly inside the range, so counting a long range
    /// reads only the segments at its ends. Throws like `read`.
    public func count(pipeline: String, start: Int64?, end: Int64?, anomalyOnly: Bool) throws -> Int {
        try Self.checkName(pipeline)
        let query = LogQuery(pipeline: pipeline, start: start, end: end, anomalyOnly: anomalyOnly)
        return try query.count(in: committer.storage.segments(of: pipeline))
    }

    /// Applies retention now, as of `now`: deletes whole segments whose newest row is older
    /// than `maxAge`, then the oldest sealed segments while the log exceeds `maxBytes`.
    ///
    /// The writer thread also does this about once a minute. Throws the first `.io` failure
    /// after deleting what it could.
    public func applyRetention(now: Date = Date()) throws {
        try committer.storage.applyRetention(now: now)
    }

    /// Rows that were not logged: dropped because the queue was full, or lost to a failed write.
    public var droppedRows: Int {
        committer.dropped.load(ordering: .relaxed)
    }

    /// Commits everything queued, stops the writer thread and closes the files.
    ///
    /// Later appends throw `.io`; reads, counts and retention keep working.
    public func close() async {
        await withCheckedContinuation { continuation in
            committer.stop(continuation)
        }
    }

    // MARK: - Checks

    private func check(_ admission: LogQueue.Admission, rows: Int) throws {
        switch admission {
        case .queued:
            return
        case .full:
            guard configuration.durability == .sync else { return }
            throw StoreError(.io, "the inference log at \(directory.path(percentEncoded: false)) has \(configuration.maxPendingBytes) bytes waiting for the disk; \(rows) rows were not logged; retry later or raise maxPendingBytes")
        case .closed:
            throw StoreError(.io, "the inference log at \(directory.path(percentEncoded: false)) is closed; \(rows) rows were not logged")
        }
    }

    /// The encoded size of `entries`, after checking every row can be stored.
    private static func encodedSize(_ entries: [InferenceLogEntry]) throws -> Int {
        var size = 0
        var checkedName: String?
        for entry in entries {
            if entry.pipeline != checkedName {
                try checkName(entry.pipeline)
                checkedName = entry.pipeline
            }
            if let problem = LogRecord.problem(with: entry) {
                throw StoreError(.invalid, problem)
            }
            size += LogRecord.size(of: entry)
        }
        return size
    }

    private static func checkName(_ pipeline: String) throws {
        if let problem = ResourceName.problem(with: pipeline, kind: "pipeline") {
            throw StoreError(.invalid, problem)
        }
    }

    private static func problem(with configuration: InferenceLogConfiguration) -> String? {
        if configuration.segmentBytes < 1 {
            return "the inference log's segmentBytes is \(configuration.segmentBytes); set it to 1 or more (default 64 MiB)"
        }
        if configuration.maxPendingBytes < 0 {
            return "the inference log's maxPendingBytes is \(configuration.maxPendingBytes); set it to 0 or more (default 256 MiB)"
        }
        if let maxBytes = configuration.maxBytes, maxBytes < 0 {
            return "the inference log's maxBytes is \(maxBytes); set it to 0 or more, or nil to keep any amount"
        }
        if let maxAge = configuration.maxAge, maxAge < .zero {
            return "the inference log's maxAge is \(maxAge); set it to 0 or more, or nil to keep rows of any age"
        }
        if configuration.flushInterval < .zero {
            return "the inference log's flushInterval is \(configuration.flushInterval); set it to 0 or more (default 1 second)"
        }
        return nil
    }
}
