import Synchronization

/// Element buffers that died during an inference run, kept to back later outputs of the same
/// element type and count, so that steady-state runs of fixed-shape models do not allocate.
///
/// Why a pool and not a plan-time memory plan: kernels return Swift arrays, copy-on-write and
/// shared freely (Reshape returns a view of its input, a kernel may return a constant it
/// holds, a subgraph captures outer values), so a static plan would have to know every
/// kernel's aliasing to be safe. The pool needs no such knowledge: a buffer enters it only when
/// the reference being released is the only one left (`isKnownUniquelyReferenced`), so no live
/// value can ever see a reused buffer. For fixed shapes the effect is the same as a static
/// plan: sizes recur exactly, so every output after the first run finds a buffer.
///
/// A pool serves one run at a time (a session keeps one per concurrent run); the mutex makes
/// it safe anyway. Kernels reach it through `BufferPool.current`, bound by the executor for
/// the run, so allocation sites deep in shared helpers need no extra parameter. Memory is
/// bounded: a pool never holds more than `maxIdleBytes`, and `finishRun` forgets every size
/// the run did not ask for, so a pool holds at most what one run had dead at once.
@usableFromInline
package final class BufferPool: Sendable {
    /// Counts of buffer requests, to check that steady-state runs reuse.
    package struct Statistics: Sendable, Equatable {
        /// Requests the pool could not serve: each one allocated a fresh buffer.
        package var fresh = 0
        /// Requests served with a buffer an earlier output had used.
        package var reused = 0

        package init(fresh: Int = 0, reused: Int = 0) {
            self.fresh = fresh
            self.reused = reused
        }

        package static func + (lhs: Statistics, rhs: Statistics) -> Statistics {
            Statistics(fresh: lhs.fresh + rhs.fresh, reused: lhs.reused + rhs.reused)
        }
    }

    /// The pool of the run executing on this thread (or task), if any.
    @TaskLocal package static var current: BufferPool?

    /// One element type and count.
    private struct Key: Hashable {
        var type: ObjectIdentifier
        var count: Int
    }

    /// An idle buffer: the buffer object of a `[T]` of its size class's type and count, held
    /// as a plain reference so taking it back needs no dynamic cast.
    // Safety: the pool holds the only reference to the buffer (checked when it was recycled),
    // which holds trivial elements, so moving it to another thread shares nothing.
    private struct IdleBuffer: @unchecked Sendable {
        var object: ArrayBuffer
    }

    private struct SizeClass {
        var buffers: [IdleBuffer] = []
        var bytesPerBuffer: Int
        /// The last run (`State.run`) that asked for this size.
        var lastRequest: Int

        /// Notes a request in `run` and returns an idle buffer, if there is one.
        mutating func take(in run: Int) -> IdleBuffer? {
            lastRequest = run
            return buffers.popLast()
        }
    }

    private struct State {
        var classes: [Key: SizeClass] = [:]
        var idleBytes = 0
        /// Counts finished runs.
        var run = 0
        var statistics = Statistics()
    }

    private let state = Mutex(State())
    /// Most bytes the pool keeps idle; buffers recycled past it are freed.
    package let maxIdleBytes: Int
    /// Smaller buffers are neither handed out nor kept: malloc's per-thread cache already
    /// returns a freed small chunk in a few nanoseconds, and the pool's lock and lookup cost
    /// more than that (measured: an MLP at batch 5 took 9 µs without the pool, 19 µs with
    /// every buffer pooled).
    package let minimumBytes: Int

    package init(maxIdleBytes: Int = 256 << 20, minimumBytes: Int = 0) {
        self.maxIdleBytes = maxIdleBytes
        self.minimumBytes = minimumBytes
    }

    /// The buffer object of an idle `[T]` of `count` elements, taken from the pool of the
    /// current run; nil (counted as a fresh allocation) when the pool holds none, and nil
    /// when no run is executing. The caller bitcasts it back to `[T]`, where `T` is known.
    @usableFromInline
    package static func takeFromCurrent<T>(_ type: T.Type, count: Int) -> AnyObject? {
        guard let pool = current else { return nil }
        let bytes = count * MemoryLayout<T>.stride
        guard bytes >= pool.minimumBytes else { return nil }
        let key = Key(type: ObjectIdentifier(T.self), count: count)
        let buffer = pool.state.withLock { state -> IdleBuffer? in
            let run = state.run
            guard let buffer = state.classes[key, default: SizeClass(bytesPerBuffer: bytes, lastRequest: run)].take(in: run) else {
                state.statistics.fresh += 1
                return nil
            }
            state.idleBytes -= bytes
            state.statistics.reused += 1
            return buffer
        }
        return buffer?.object
    }

    /// Keeps `array`'s buffer for a later `take` when nothing else references it, leaving
    /// `array` empty either way. Buffers of non-trivial elements (strings) are never kept.
    @usableFromInline
    package func recycle<T>(_ array: inout [T]) {
        guard array.count * MemoryLayout<T>.stride >= minimumBytes, Self.canCheckUniqueness, _isPOD(T.self), !array.isEmpty,
              Self.isUniquelyReferenced(&array) else {
            array = []
            return
        }
        let key = Key(type: ObjectIdentifier(T.self), count: array.count)
        let bytes = array.count * MemoryLayout<T>.stride
        let buffer = IdleBuffer(object: unsafeBitCast(array, to: ArrayBuffer.self))
        array = []
        // A buffer that does not fit is freed on return, outside the lock.
        state.withLock { state in
            guard state.idleBytes + bytes <= maxIdleBytes else { return }
            state.classes[key, default: SizeClass(bytesPerBuffer: bytes, lastRequest: -1)].buffers.append(buffer)
            state.idleBytes += bytes
        }
    }

    /// Keeps the tensor's element buffer for a later `take` when nothing else references it,
    /// leaving the tensor empty.
    package func recycle(_ tensor: inout Tensor) {
        tensor.recycleStorage(into: self)
    }

    /// Ends a run: frees the buffers of every size the run did not ask for (so a pool adapts
    /// when shapes change) and returns the run's request counts.
    package func finishRun() -> Statistics {
        // The pool serves one run at a time, so freeing under the lock delays nobody.
        state.withLock { state in
            let run = state.run
            if state.classes.values.contains(where: { $0.lastRequest != run }) {
                state.classes = state.classes.filter { $0.value.lastRequest == run }
                state.idleBytes = state.classes.values.reduce(0) { $0 + $1.buffers.count * $1.bytesPerBuffer }
            }
            state.run += 1
            let statistics = state.statistics
            state.statistics = Statistics()
            return statistics
        }
    }

    /// Bytes of idle buffers the pool holds.
    package var idleBytes: Int {
        state.withLock { $0.idleBytes }
    }

    // MARK: - Uniqueness

    /// A stand-in class type for an array's buffer object in `isUniquelyReferenced`.
    private final class ArrayBuffer {}

    /// Whether `array` holds the only reference to its buffer.
    ///
    /// Swift has no public uniqueness test for arrays, but an array is a single reference to
    /// its native buffer object (checked once by `canCheckUniqueness`), whose reference count
    /// `isKnownUniquelyReferenced` reads in place without retaining it. The reference is seen
    /// as a concrete class (only its header is read): as `AnyObject`, Swift 6 copies the
    /// existential first and never sees a unique reference.
    private static func isUniquelyReferenced<T>(_ array: inout [T]) -> Bool {
        withUnsafeMutablePointer(to: &array) { pointer in
            UnsafeMutableRawPointer(pointer).withMemoryRebound(to: ArrayBuffer.self, capacity: 1) {
                isKnownUniquelyReferenced(&$0.pointee)
            }
        }
    }

    /// Whether arrays have the one-reference layout `isUniquelyReferenced` relies on, and it
    /// tells a shared buffer from a unique one; when not, nothing is recycled.
    private static let canCheckUniqueness: Bool = {
        guard MemoryLayout<[Float]>.size == MemoryLayout<ArrayBuffer>.size,
              MemoryLayout<[Float]>.alignment == MemoryLayout<ArrayBuffer>.alignment
        else { return false }
        var array = [Float](repeating: 1, count: 3)  // not a literal: -O may make that a static, immortal object
        guard isUniquelyReferenced(&array) else { return false }
        let copy = array
        defer { withExtendedLifetime(copy) {} }
        return !isUniquelyReferenced(&array)
    }()
}

extension Array {
    /// Like `init(unsafeUninitializedCapacity:initializingWith:)`, but backed by a buffer from
    /// `BufferPool.current` when a run is executing and it holds one of this type and count.
    ///
    /// For trivial element types only (others always allocate). A pooled buffer holds stale
    /// elements rather than uninitialised memory, which is the same thing for trivial types:
    /// `body` must still write every element it reports in `initializedCount`.
    @inlinable
    package init(
        pooledCapacity count: Int,
        initializingWith body: (inout UnsafeMutableBufferPointer<Element>, inout Int) throws -> Void
    ) rethrows {
        // The pool keys buffers by element type, so this is an [Element]'s buffer; the
        // optional holding it dies with the condition, leaving `array` its only reference
        // (a named binding would live on, and the write below would copy the buffer).
        if count > 0, _isPOD(Element.self),
           var array = BufferPool.takeFromCurrent(Element.self, count: count).map({ unsafeBitCast($0, to: [Element].self) }) {
            var written = 0
            try array.withUnsafeMutableBufferPointer { buffer in try body(&buffer, &written) }
            if written < count { array.removeLast(count - written) }
            self = array
            return
        }
        try self.init(unsafeUninitializedCapacity: count, initializingWith: body)
    }
}
