import Foundation

/// Runs CPU-bound or blocking work (compiling models, reading model files) on a dedicated thread,
/// so it never occupies a NIO event loop or a thread of the cooperative pool.
enum Blocking {
    static func run<T: Sendable>(_ name: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try work() })
            }
            thread.name = name
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
