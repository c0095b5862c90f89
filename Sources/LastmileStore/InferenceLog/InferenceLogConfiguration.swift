/// How the inference log trades durability for speed, and how long it keeps records.
///
/// The server builds one from its flags and passes it to `InferenceLog.init`; every field has
/// a default that suits a single-node deployment.
public struct InferenceLogConfiguration: Sendable {
    /// When `InferenceLog.append` returns relative to the disk.
    public enum Durability: String, Sendable {
        /// `append` returns once the rows are queued; the writer commits them within
        /// `flushInterval`, so a crash can lose up to that much.
        case async
        /// `append` returns after the fsync that covers its rows.
        case sync
    }

    /// When `append` returns: after queueing (`.async`, the default) or after the fsync (`.sync`).
    public var durability: Durability
    /// The group-commit period: queued rows are written and fsynced at least this often (and
    /// sooner once about 4 MiB is queued, or when someone waits on `flush` or a sync append).
    public var flushInterval: Duration
    /// Retention by age: whole segments whose newest record is older than this are deleted;
    /// nil keeps records of any age.
    public var maxAge: Duration?
    /// Retention by size: while the log's segments total more than this, the oldest sealed
    /// segments are deleted; nil keeps any amount.
    public var maxBytes: Int64?
    /// A segment is sealed and a new one started once it would grow past this many bytes
    /// (a single larger record gets a segment of its own).
    public var segmentBytes: Int
    /// In async mode, an append that would make the queue of not yet written rows exceed this
    /// many bytes is dropped and counted in `InferenceLog.droppedRows` instead of queued, so a
    /// slow disk cannot grow memory without bound; in sync mode it fails with `.io`.
    public var maxPendingBytes: Int

    /// A configuration with the given fields; the defaults are async durability, a one-second
    /// flush interval, 30 days and 10 GiB of retention, 64 MiB segments and a 256 MiB queue.
    public init(
        durability: Durability = .async,
        flushInterval: Duration = .seconds(1),
        maxAge: Duration? = .seconds(30 * 24 * 3600),
        maxBytes: Int64? = 10 << 30,
        segmentBytes: Int = 64 << 20,
        maxPendingBytes: Int = 256 << 20
    ) {
        self.durability = durability
        self.flushInterval = flushInterval
        self.maxAge = maxAge
        self.maxBytes = maxBytes
        self.segmentBytes = segmentBytes
        self.maxPendingBytes = maxPendingBytes
    }
}
