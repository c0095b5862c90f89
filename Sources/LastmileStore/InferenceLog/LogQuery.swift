/// One read or count over a pipeline's committed segments: the filters, and the walk that
/// applies them without loading rows the caller does not take.
///
/// Segments whose time range misses the query are never opened. The rest are taken in
/// groups whose time ranges overlap (usually one segment each, since rows arrive almost in
/// time order); a group's matching records are indexed by (time, segment, offset), sorted
/// when they are not in order already, and fetched one by one in the requested order.
struct LogQuery {
    /// The pipeline read.
    var pipeline: String
    /// The earliest time included, in milliseconds (nil: no bound).
    var start: Int64?
    /// The latest time included, in milliseconds (nil: no bound).
    var end: Int64?
    /// Whether only rows with an anomaly count above 0 match.
    var anomalyOnly: Bool

    /// A record matching the query, located in its group.
    private struct Hit {
        var time: Int64
        var offset: Int
        var segment: Int32
        var length: Int32
    }

    /// Whether a record with `header` has matching rows.
    func matches(_ header: LogRecord.Header) -> Bool {
        header.time >= (start ?? .min) && header.time <= (end ?? .max) && (!anomalyOnly || header.anomalousRows > 0)
    }

    /// How many rows of `segments` match.
    func count(in segments: [SegmentInfo]) throws -> Int {
        var total = 0
        for segment in segments where segment.overlaps(start: start, end: end) {
            if segment.lies(within: start, end) {
                total += anomalyOnly ? segment.anomalous : segment.rows
                continue
            }
            guard let file = try SegmentFile.openForReading(segment.url) else { continue }
            total += try file.closing { file in
                var reader = SegmentReader(file: file, limit: segment.bytes)
                var count = 0
                try scan(&reader, segment: segment) { header, _ in
                    if matches(header) { count += anomalyOnly ? header.anomalousRows : header.rows }
                }
                return count
            }
        }
        return total
    }

    /// Calls `body` with each record of `segments` that has matching rows, in `order`, and the
    /// indices of those rows in `order`, at most `limit` rows in all, until `body` returns false.
    func read(
        _ segments: [SegmentInfo], order: LogOrder, limit: Int?,
        _ body: (InferenceLogEntry, [Int]) throws -> Bool
    ) throws {
        var remaining = limit ?? .max
        guard remaining > 0 else { return }
        let groups = Self.groups(segments.filter { $0.overlaps(start: start, end: end) })
        for group in order == .asc ? groups : groups.reversed() {
            guard try read(group, order: order, remaining: &remaining, body) else { return }
        }
    }

    /// Reads one group of overlapping segments; returns false once the read should stop.
    private func read(
        _ group: [SegmentInfo], order: LogOrder, remaining: inout Int,
        _ body: (InferenceLogEntry, [Int]) throws -> Bool
    ) throws -> Bool {
        var readers: [SegmentReader] = []
        var members: [SegmentInfo] = []
        defer { readers.forEach { $0.file.close() } }
        for segment in group {
            guard let file = try SegmentFile.openForReading(segment.url) else { continue }
            readers.append(SegmentReader(file: file, limit: segment.bytes))
            members.append(segment)
        }
        var hits: [Hit] = []
        var inOrder = true
        for index in readers.indices {
            try scan(&readers[index], segment: members[index]) { header, offset in
                guard matches(header) else { return }
                if let last = hits.last, last.time > header.time { inOrder = false }
                hits.append(Hit(time: header.time, offset: offset, segment: Int32(index), length: Int32(header.totalBytes)))
            }
        }
        if !inOrder {
            hits.sort { ($0.time, $0.segment, $0.offset) < ($1.time, $1.segment, $1.offset) }
        }
        let forward = order == .asc
        for position in hits.indices {
            let hit = hits[forward ? position : hits.count - 1 - position]
            let index = Int(hit.segment)
            let entry = try readers[index].withBytes(at: hit.offset, count: Int(hit.length), forward: forward) { bytes in
                LogRecord.header(bytes).flatMap { header in
                    LogRecord.isIntact(bytes, header: header) ? LogRecord.entry(bytes, header: header, pipeline: pipeline) : nil
                }
            }
            guard let entry else { throw corrupt(members[index], at: hit.offset) }
            var rows = anomalyOnly ? entry.anomalyCounts.indices.filter { entry.anomalyCounts[$0] > 0 } : Array(entry.anomalyCounts.indices)
            if !forward { rows.reverse() }
            if rows.count > remaining { rows.removeLast(rows.count - remaining) }
            remaining -= rows.count
            guard try body(entry, rows), remaining > 0 else { return false }
        }
        return true
    }

    /// Calls `visit` with the header and offset of every record in the segment's committed bytes.
    private func scan(
        _ reader: inout SegmentReader, segment: SegmentInfo, _ visit: (LogRecord.Header, Int) throws -> Void
    ) throws {
        var offset = 0
        while let header = try reader.header(at: offset) {
            try visit(header, offset)
            offset += header.totalBytes
        }
        if offset < reader.limit { throw corrupt(segment, at: offset) }
    }

    private func corrupt(_ segment: SegmentInfo, at offset: Int) -> StoreError {
        StoreError(.io, "inference log segment \(segment.url.path(percentEncoded: false)) of pipeline \"\(pipeline)\" is corrupt at byte \(offset); restart the server so recovery truncates it there")
    }

    /// `segments` split into groups whose time ranges overlap, groups in time order and each
    /// group's members in sequence (append) order.
    static func groups(_ segments: [SegmentInfo]) -> [[SegmentInfo]] {
        var groups: [[SegmentInfo]] = []
        var groupEnd = Int64.min
        for segment in segments.sorted(by: { ($0.minTime, $0.sequence) < ($1.minTime, $1.sequence) }) {
            if groups.isEmpty || segment.minTime > groupEnd {
                groups.append([segment])
                groupEnd = segment.maxTime
            } else {
                groups[groups.count - 1].append(segment)
                groupEnd = max(groupEnd, segment.maxTime)
            }
        }
        return groups.map { $0.sorted { $0.sequence < $1.sequence } }
    }
}
