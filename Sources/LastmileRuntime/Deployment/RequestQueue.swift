/// The state a deployment guards with one lock: the bounded queue of waiting requests, the
/// replicas idle on their wake-up semaphore, and shutdown.
///
/// Every mutating method is a transition that returns what the caller must do once the lock
/// is released (wake a replica, run a batch, resume continuations).
struct RequestQueue: Sendable {
    /// What `enqueue` asks of the caller.
    enum EnqueueAction: Sendable {
        /// Queued; signal this idle replica, if any.
        case wake(Int?)
        /// Refused with this error code (`overloaded`, `unavailable`).
        case reject(RuntimeError.Code)
    }

    /// What `next` asks of a replica.
    enum NextAction: Sendable {
        /// Run these requests together (signalling the other replica first, if any).
        case run([PendingRequest], wake: Int?)
        /// Block on the replica's semaphore, until the deadline (uptime nanoseconds) if given.
        case wait(until: UInt64?)
        /// Leave the thread, resuming these shutdown waiters on the way out.
        case exit([CheckedContinuation<Void, Never>])
    }

    /// Queued requests in arrival order; requests taken out of the middle leave a nil.
    private var slots: [PendingRequest?] = []
    /// The index of the oldest slot that may hold a request.
    private var head = 0
    /// Requests waiting now.
    private(set) var depth = 0
    /// Replicas blocked (or about to block) on their semaphore, most recent last.
    private var idle: [Int] = []
    /// True once shutdown began: no new requests, queued ones run without batching delay.
    private(set) var isStopping = false
    /// Replica threads that have not exited yet.
    private var alive: Int
    private var shutdownWaiters: [CheckedContinuation<Void, Never>] = []

    private let capacity: Int
    private let maxBatchSize: Int
    private let maxDelayNanos: UInt64
    /// How many queued requests a replica looks at to fill a batch, bounding time under the lock.
    private let scanLimit: Int

    init(replicas: Int, capacity: Int, maxBatchSize: Int, maxDelayMicros: Int) {
        alive = replicas
        self.capacity = max(1, capacity)
        self.maxBatchSize = max(1, maxBatchSize)
        maxDelayNanos = UInt64(max(0, maxDelayMicros)) * 1_000
        scanLimit = max(256, 4 * self.maxBatchSize)
    }

    /// Queues a request unless the deployment is stopping or the queue is full.
    mutating func enqueue(_ request: PendingRequest) -> EnqueueAction {
        if isStopping { return .reject(.unavailable) }
        if depth >= capacity { return .reject(.overloaded) }
        slots.append(request)
        depth += 1
        return .wake(idle.popLast())
    }

    /// What replica `replica` does next, at uptime `now` (nanoseconds).
    mutating func next(replica: Int, now: UInt64) -> NextAction {
        idle.removeAll { $0 == replica }
        guard let first = oldest else {
            if isStopping {
                alive -= 1
                guard alive == 0 else { return .exit([]) }
                defer { shutdownWaiters = [] }
                return .exit(shutdownWaiters)
            }
            idle.append(replica)
            return .wait(until: nil)
        }
        let picked = batch(startingAt: first)
        if !isStopping, maxDelayNanos > 0, picked.rows < maxBatchSize, let request = slots[first], request.key != nil {
            let deadline = request.enqueuedAt &+ maxDelayNanos
            if now < deadline {
                idle.append(replica)
                return .wait(until: deadline)
            }
        }
        var requests: [PendingRequest] = []
        for index in picked.indices {
            if let request = slots[index] { requests.append(request) }
            slots[index] = nil
        }
        depth -= requests.count
        compact()
        return .run(requests, wake: depth > 0 ? idle.popLast() : nil)
    }

    /// Starts shutdown; returns whether the waiter can be resumed now (every replica already
    /// exited) and the idle replicas to wake so they drain the queue and exit.
    mutating func stop(_ waiter: CheckedContinuation<Void, Never>?) -> (resumeNow: Bool, wake: [Int]) {
        isStopping = true
        defer { idle = [] }
        if alive == 0 { return (true, idle) }
        if let waiter { shutdownWaiters.append(waiter) }
        return (false, idle)
    }

    /// The index of the oldest queued request.
    private var oldest: Int? {
        guard depth > 0 else { return nil }
        return slots[head...].firstIndex { $0 != nil }
    }

    /// The requests that run with the one at `first`: the oldest is always taken, even alone
    /// above `maxBatchSize`; later ones join in queue order when their key matches and the
    /// rows stay within `maxBatchSize`.
    private func batch(startingAt first: Int) -> (indices: [Int], rows: Int) {
        guard let request = slots[first] else { return ([], 0) }
        var indices = [first]
        var rows = request.rows
        guard maxBatchSize > 1, let key = request.key else { return (indices, rows) }
        var index = first + 1
        var scanned = 0
        while index < slots.count, rows < maxBatchSize, scanned < scanLimit {
            if let candidate = slots[index] {
                scanned += 1
                if candidate.key == key, rows + candidate.rows <= maxBatchSize {
                    indices.append(index)
                    rows += candidate.rows
                }
            }
            index += 1
        }
        return (indices, rows)
    }

    /// Moves `head` past taken slots and drops them once they are most of the array.
    private mutating func compact() {
        if depth == 0 {
            slots.removeAll(keepingCapacity: true)
            head = 0
            return
        }
        while head < slots.count, slots[head] == nil { head += 1 }
        if head > 64, head * 2 > slots.count {
            slots.removeFirst(head)
            head = 0
        }
    }
}
