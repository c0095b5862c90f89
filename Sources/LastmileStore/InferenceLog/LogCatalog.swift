/// The committed segments of every pipeline, as readers see them.
///
/// Kept in a `Mutex`; readers copy a pipeline's list and read files without the lock. The
/// writer publishes a segment's new size only after the fsync that covers it, so readers never
/// see uncommitted bytes.
struct LogCatalog {
    /// Each pipeline's segments, sorted by sequence.
    private(set) var pipelines: [String: [SegmentInfo]]

    /// A catalog of recovered segments.
    init(_ pipelines: [String: [SegmentInfo]]) {
        self.pipelines = pipelines
    }

    /// The segments of `pipeline` (empty for a pipeline never logged).
    func segments(of pipeline: String) -> [SegmentInfo] {
        pipelines[pipeline] ?? []
    }

    /// Records the committed state of `segment`, replacing the entry with its sequence.
    mutating func publish(_ segment: SegmentInfo, pipeline: String) {
        var segments = pipelines[pipeline] ?? []
        if let index = segments.lastIndex(where: { $0.sequence == segment.sequence }) {
            segments[index] = segment
        } else {
            segments.append(segment)
            segments.sort { $0.sequence < $1.sequence }
        }
        pipelines[pipeline] = segments
    }

    /// Forgets the segment of `pipeline` with `sequence`.
    mutating func remove(pipeline: String, sequence: UInt64) {
        pipelines[pipeline]?.removeAll { $0.sequence == sequence }
    }

    /// The segments retention deletes, oldest first.
    ///
    /// By age: every segment whose newest record is older than `cutoff` (milliseconds), and
    /// every empty sealed segment. By size: then, while the segments total more than
    /// `maxBytes`, sealed segments in order of their newest record. The segment being written
    /// is deleted only by age, so a busy pipeline keeps its newest rows.
    func retentionVictims(cutoff: Int64?, maxBytes: Int64?) -> [(pipeline: String, segment: SegmentInfo)] {
        var victims: [(pipeline: String, segment: SegmentInfo)] = []
        var kept: [(pipeline: String, segment: SegmentInfo)] = []
        for (pipeline, segments) in pipelines {
            for segment in segments {
                let expired = cutoff.map { segment.rows > 0 && segment.maxTime < $0 } ?? false
                if expired || (segment.sealed && segment.rows == 0) {
                    victims.append((pipeline, segment))
                } else {
                    kept.append((pipeline, segment))
                }
            }
        }
        if let maxBytes {
            var total = kept.reduce(Int64(0)) { $0 + Int64($1.segment.bytes) }
            let oldestFirst = kept.filter(\.segment.sealed).sorted { left, right in
                (left.segment.maxTime, left.pipeline, left.segment.sequence)
                    < (right.segment.maxTime, right.pipeline, right.segment.sequence)
            }
            for candidate in oldestFirst where total > maxBytes {
                victims.append(candidate)
                total -= Int64(candidate.segment.bytes)
            }
        }
        return victims
    }
}
