/// The rows waiting for the writer, and who waits for them: the small state machine behind
/// the log's `Mutex`.
///
/// Every accepted append gets the next ticket. The writer takes everything queued as one
/// batch covering the tickets up to the last one, commits it and calls `finish`, which hands
/// back the waiters (sync appends, flushes) whose tickets the batch covered. Callers act on
/// the returned values after releasing the lock.
struct LogQueue {
    /// A caller suspended until its ticket is committed.
    struct Waiter {
        /// The last ticket the caller waits for.
        var ticket: UInt64
        /// Tickets up to this one were finished before the caller started waiting.
        var since: UInt64
        /// Resumed when `ticket` is finished.
        var continuation: CheckedContinuation<Void, any Error>
        /// The failure of a batch within (`since`, `ticket`], reported on resumption.
        var failure: StoreError?
    }

    /// What `enqueue` did with the rows.
    enum Admission: Equatable {
        /// Queued; `wake` says whether the writer should be signalled.
        case queued(wake: Bool)
        /// Refused because the queue is full.
        case full
        /// Refused because the log is closing.
        case closed
    }

    /// What the writer thread does next.
    enum Action {
        /// Commit these rows, then call `finish(ticket:error:)`.
        case commit([[InferenceLogEntry]], ticket: UInt64)
        /// Sleep until signalled or until `deadline` (uptime nanoseconds; nil: no deadline).
        case wait(deadline: UInt64?)
        /// Close the files, resume these `close()` callers and end the thread.
        case exit([CheckedContinuation<Void, Never>])
    }

    /// Queued bytes that make the writer commit without waiting for the interval.
    let flushBytes: Int
    /// Queued bytes beyond which appends are refused.
    let maxPendingBytes: Int
    /// The group-commit period in nanoseconds.
    let intervalNanos: UInt64
    private var chunks: [[InferenceLogEntry]] = []
    private var bytes = 0
    private var firstQueuedAt: UInt64 = 0
    private var lastTicket: UInt64 = 0
    private var finishedTicket: UInt64 = 0
    private var waiters: [Waiter] = []
    private var stopping = false
    private var exited = false
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []

    /// An empty queue with the given limits.
    init(flushBytes: Int, maxPendingBytes: Int, intervalNanos: UInt64) {
        self.flushBytes = flushBytes
        self.maxPendingBytes = maxPendingBytes
        self.intervalNanos = intervalNanos
    }

    /// Queues one append's rows (`size` encoded bytes), registering `waiter` to be resumed
    /// once they are committed. Refuses them when closing or when they would overflow the queue.
    mutating func enqueue(
        _ entries: [InferenceLogEntry], size: Int, now: UInt64, waiter: CheckedContinuation<Void, any Error>?
    ) -> Admission {
        guard !stopping else { return .closed }
        guard size <= maxPendingBytes - bytes else { return .full }
        let wasEmpty = chunks.isEmpty
        if wasEmpty { firstQueuedAt = now }
        let crossed = bytes < flushBytes && bytes + size >= flushBytes
        chunks.append(entries)
        bytes += size
        lastTicket += 1
        if let waiter {
            waiters.append(Waiter(ticket: lastTicket, since: lastTicket - 1, continuation: waiter))
        }
        return .queued(wake: wasEmpty || crossed || waiter != nil)
    }

    /// Registers a flush: `waiter` is resumed once everything queued so far is committed.
    /// Returns false (and keeps nothing) when nothing is outstanding, so the caller resumes
    /// it at once.
    mutating func addFlush(_ waiter: CheckedContinuation<Void, any Error>) -> Bool {
        guard lastTicket > finishedTicket else { return false }
        waiters.append(Waiter(ticket: lastTicket, since: finishedTicket, continuation: waiter))
        return true
    }

    /// The writer's next step at uptime `now`: commit the queue when it is due (closing,
    /// someone waiting, enough bytes, or the interval passed), else sleep or exit.
    mutating func next(now: UInt64) -> Action {
        if !chunks.isEmpty {
            let deadline = firstQueuedAt.addingReportingOverflow(intervalNanos)
            let dueAt = deadline.overflow ? UInt64.max : deadline.partialValue
            guard stopping || !waiters.isEmpty || bytes >= flushBytes || now >= dueAt else {
                return .wait(deadline: dueAt)
            }
            let batch = chunks
            chunks = []
            bytes = 0
            return .commit(batch, ticket: lastTicket)
        }
        guard stopping else { return .wait(deadline: nil) }
        exited = true
        let leaving = closeWaiters
        closeWaiters = []
        return .exit(leaving)
    }

    /// Marks tickets up to `ticket` finished (committed, or failed with `error`) and returns
    /// the waiters to resume, each with the failure it should see.
    mutating func finish(ticket: UInt64, error: StoreError?) -> [(CheckedContinuation<Void, any Error>, StoreError?)] {
        finishedTicket = ticket
        var ready: [(CheckedContinuation<Void, any Error>, StoreError?)] = []
        var waiting: [Waiter] = []
        for var waiter in waiters {
            if let error, waiter.since < ticket, waiter.failure == nil {
                waiter.failure = error
            }
            if waiter.ticket <= ticket {
                ready.append((waiter.continuation, waiter.failure))
            } else {
                waiting.append(waiter)
            }
        }
        waiters = waiting
        return ready
    }

    /// Starts closing: later appends are refused and the writer drains the queue, then exits.
    /// Returns true when the writer has exited already, so the caller resumes `waiter` itself.
    mutating func stop(_ waiter: CheckedContinuation<Void, Never>?) -> Bool {
        guard !exited else { return true }
        stopping = true
        if let waiter { closeWaiters.append(waiter) }
        return false
    }
}
