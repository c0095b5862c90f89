import Foundation
import LastmileRuntime
import LastmileStore
import NIOCore

/// Streams inference log rows as response chunks without holding the whole export in memory.
///
/// A dedicated thread reads the log (a blocking, file-based scan) and yields chunks of about
/// 64 KiB; it waits while more than a few chunks are unsent, so a slow client slows the scan
/// instead of growing memory.
enum LogExport {
    /// The chunks, and the semaphore the consumer signals after sending each one.
    struct Stream: Sendable {
        var chunks: AsyncThrowingStream<ByteBuffer, any Error>
        var sent: DispatchSemaphore
    }

    static func chunks(log: InferenceLog, pipeline: String, query: LogQueryParameters, limit: Int) -> Stream {
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let credits = DispatchSemaphore(value: 4)
        let cancelled = Cancelled()
        continuation.onTermination = { _ in
            cancelled.set()
            credits.signal()
        }
        let thread = Thread {
            var writer = RowWriter(format: query.format)
            var buffer = ByteBuffer()
            func send() {
                credits.wait()
                continuation.yield(buffer)
                buffer = ByteBuffer()
            }
            do {
                buffer.writeBytes(writer.opening)
                try LoggedRows.read(log, pipeline: pipeline, start: query.start, end: query.end, order: query.order, anomalyOnly: query.anomalyOnly, limit: limit) { row in
                    buffer.writeBytes(writer.row(row))
                    if buffer.readableBytes >= 64 << 10 { send() }
                    return !cancelled.isSet
                }
                buffer.writeBytes(writer.closing)
                send()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        thread.name = "lastmile-log-export"
        thread.start()
        return Stream(chunks: stream, sent: credits)
    }

    final class Cancelled: Sendable {
        private let flag = Mutex(false)
        var isSet: Bool { flag.withLock { $0 } }
        func set() { flag.withLock { $0 = true } }
    }
}

import Synchronization
