import Dispatch
import Foundation
import Synchronization

/// What a deployment's replica threads share: the queue under its lock, one wake-up semaphore
/// per replica, and the compiled pipeline.
///
/// A replica blocks on its own semaphore while idle; whoever changes the queue signals it
/// after releasing the lock, so no work happens under the lock but moving requests.
final class ReplicaSet: Sendable {
    let pipeline: CompiledPipeline
    let queue: Mutex<RequestQueue>
    let wakeups: [DispatchSemaphore]
    let beforeEngineCall: (@Sendable (EngineCall) -> Void)?

    init(pipeline: CompiledPipeline, queue: RequestQueue, replicas: Int, beforeEngineCall: (@Sendable (EngineCall) -> Void)?) {
        self.pipeline = pipeline
        self.queue = Mutex(queue)
        self.wakeups = (0..<replicas).map { _ in DispatchSemaphore(value: 0) }
        self.beforeEngineCall = beforeEngineCall
    }

    /// Starts one named thread per replica.
    func start(name: String) {
        for replica in wakeups.indices {
            let thread = Thread { [self] in serve(replica: replica) }
            thread.name = "\(name)-\(replica)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Queues a request (signalling an idle replica) or resumes it with the refusal.
    func submit(_ request: PendingRequest, pipelineName: String) {
        let continuation = request.continuation
        switch queue.withLock({ $0.enqueue(request) }) {
        case .wake(let replica):
            if let replica { wakeups[replica].signal() }
        case .reject(.overloaded):
            continuation.resume(throwing: RuntimeError(.overloaded, "pipeline \"\(pipelineName)\" has a full request queue; retry shortly"))
        case .reject(let code):
            continuation.resume(throwing: RuntimeError(code, "pipeline \"\(pipelineName)\" is shutting down and takes no new requests"))
        }
    }

    /// Begins shutdown and wakes idle replicas; `waiter` is resumed once every replica exited.
    func stop(_ waiter: CheckedContinuation<Void, Never>?) {
        let (resumeNow, wake) = queue.withLock { $0.stop(waiter) }
        for replica in wake { wakeups[replica].signal() }
        if resumeNow { waiter?.resume() }
    }

    /// The loop of replica thread `replica`: take work, run it, block while there is none.
    private func serve(replica: Int) {
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            switch queue.withLock({ $0.next(replica: replica, now: now) }) {
            case .run(let requests, let wake):
                if let wake { wakeups[wake].signal() }
                execute(requests)
            case .wait(let deadline?):
                _ = wakeups[replica].wait(timeout: DispatchTime(uptimeNanoseconds: deadline))
            case .wait(nil):
                wakeups[replica].wait()
            case .exit(let waiters):
                for waiter in waiters { waiter.resume() }
                return
            }
        }
    }

    /// Runs requests as one engine call when their outputs split back per row; otherwise
    /// (or when the merged run fails) runs them one by one, so each gets its own answer.
    private func execute(_ requests: [PendingRequest]) {
        guard requests.count > 1 else {
            requests.forEach(runAlone)
            return
        }
        let rows = requests.map(\.rows)
        if let merged = try? Batch.merge(requests) {
            beforeEngineCall?(EngineCall(rows: rows.reduce(0, +), requests: requests.count))
            if let outputs = try? pipeline.execute(merged), let replies = Batch.split(outputs, rows: rows) {
                for (request, reply) in zip(requests, replies) {
                    request.continuation.resume(returning: reply)
                }
                return
            }
        }
        requests.forEach(runAlone)
    }

    private func runAlone(_ request: PendingRequest) {
        beforeEngineCall?(EngineCall(rows: request.rows, requests: 1))
        do {
            request.continuation.resume(returning: try pipeline.execute(request.inputs))
        } catch {
            request.continuation.resume(throwing: error)
        }
    }
}
