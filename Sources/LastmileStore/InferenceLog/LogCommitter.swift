import Dispatch
import Foundation
import Synchronization

/// The group-commit loop: a dedicated thread that takes the queued rows, writes and fsyncs
/// them through `LogStorage`, then resumes whoever waited, and applies retention each minute.
///
/// The request path only touches the queue's `Mutex` (to queue rows) and the semaphore (to
/// wake the thread); continuations are resumed after the lock is released.
final class LogCommitter: Sendable {
    /// The files written to.
    let storage: LogStorage
    /// Rows refused (full queue) or lost to a failed write.
    let dropped = Atomic<Int>(0)
    private let queue: Mutex<LogQueue>
    private let wakeup = DispatchSemaphore(value: 0)
    private let retentionNanos: UInt64 = 60_000_000_000

    /// A committer over `storage`; call `start` to run its thread.
    init(storage: LogStorage, configuration: InferenceLogConfiguration) {
        self.storage = storage
        let interval = UInt64(clamping: max(0, LogStorage.milliseconds(configuration.flushInterval)))
        let (intervalNanos, overflow) = interval.multipliedReportingOverflow(by: 1_000_000)
        let maxPending = max(0, configuration.maxPendingBytes)
        queue = Mutex(LogQueue(
            flushBytes: max(1, min(4 << 20, maxPending / 2)),
            maxPendingBytes: maxPending,
            intervalNanos: overflow ? .max : intervalNanos
        ))
    }

    /// Starts the writer thread.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "lastmile-inference-log"
        thread.start()
    }

    /// Queues `entries` (`size` encoded bytes); see `LogQueue.enqueue`.
    func enqueue(_ entries: [InferenceLogEntry], size: Int, waiter: CheckedContinuation<Void, any Error>?) -> LogQueue.Admission {
        let now = DispatchTime.now().uptimeNanoseconds
        let admission = queue.withLock { $0.enqueue(entries, size: size, now: now, waiter: waiter) }
        switch admission {
        case .queued(wake: true):
            wakeup.signal()
        case .full:
            dropped.wrappingAdd(entries.reduce(0) { $0 + $1.rows }, ordering: .relaxed)
        case .queued(wake: false), .closed:
            break
        }
        return admission
    }

    /// Registers a flush waiter; resumes it at once when nothing is outstanding.
    func flush(_ waiter: CheckedContinuation<Void, any Error>) {
        if queue.withLock({ $0.addFlush(waiter) }) {
            wakeup.signal()
        } else {
            waiter.resume()
        }
    }

    /// Asks the thread to drain the queue and exit; `waiter` is resumed once it has.
    func stop(_ waiter: CheckedContinuation<Void, Never>?) {
        if queue.withLock({ $0.stop(waiter) }) {
            waiter?.resume()
        } else {
            wakeup.signal()
        }
    }

    /// The writer thread's loop.
    private func run() {
        let retains = storage.maxAge != nil || storage.maxBytes != nil
        var nextRetention = DispatchTime.now().uptimeNanoseconds
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            if retains && now >= nextRetention {
                // A failed deletion is retried at the next period; there is no caller to tell.
                try? storage.applyRetention(now: Date())
                nextRetention = now + retentionNanos
            }
            switch queue.withLock({ $0.next(now: now) }) {
            case .commit(let chunks, let ticket):
                let outcome = storage.commit(chunks)
                if outcome.failedRows > 0 {
                    dropped.wrappingAdd(outcome.failedRows, ordering: .relaxed)
                }
                let ready = queue.withLock { $0.finish(ticket: ticket, error: outcome.error) }
                for (continuation, failure) in ready {
                    if let failure {
                        continuation.resume(throwing: failure)
                    } else {
                        continuation.resume()
                    }
                }
            case .wait(let deadline):
                let until = min(deadline ?? .max, retains ? nextRetention : .max)
                if until == .max {
                    wakeup.wait()
                } else {
                    _ = wakeup.wait(timeout: DispatchTime(uptimeNanoseconds: until))
                }
            case .exit(let waiters):
                storage.closeFiles()
                for waiter in waiters { waiter.resume() }
                return
            }
        }
    }
}
