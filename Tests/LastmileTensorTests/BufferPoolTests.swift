import Testing
@testable import LastmileTensor

/// The pool hands out only buffers nothing else references, and stays bounded.
@Suite struct BufferPoolTests {
    private func pooledArray(_ pool: BufferPool, count: Int, value: Float) -> [Float] {
        BufferPool.$current.withValue(pool) {
            [Float](pooledCapacity: count) { buffer, written in
                buffer.initialize(repeating: value)
                written = count
            }
        }
    }

    @Test func aRecycledBufferServesTheNextRequestOfItsSize() {
        // Given a pool and a buffer recycled into it
        let pool = BufferPool()
        var first = pooledArray(pool, count: 8, value: 1)
        let address = first.withUnsafeBufferPointer { $0.baseAddress }
        pool.recycle(&first)

        // When an array of the same type and count is requested
        let second = pooledArray(pool, count: 8, value: 2)

        // Then it reuses the buffer, holding the new elements
        #expect(first.isEmpty)
        #expect(second.withUnsafeBufferPointer { $0.baseAddress } == address)
        #expect(second == [Float](repeating: 2, count: 8))
        #expect(pool.finishRun() == BufferPool.Statistics(fresh: 1, reused: 1))
    }

    @Test func aSharedBufferIsNeverKept() {
        // Given a buffer another array still references
        let pool = BufferPool()
        var released = pooledArray(pool, count: 4, value: 7)
        let survivor = released

        // When it is recycled and an array of its size is requested
        pool.recycle(&released)
        let next = pooledArray(pool, count: 4, value: 0)

        // Then the request allocates and the survivor keeps its elements
        #expect(pool.idleBytes == 0)
        #expect(survivor == [7, 7, 7, 7])
        #expect(next == [0, 0, 0, 0])
        #expect(pool.finishRun() == BufferPool.Statistics(fresh: 2, reused: 0))
    }

    @Test func aTensorGivesBackItsBufferOnlyWhenUnique() throws {
        // Given two tensors, one sharing its storage with a reshaped view
        let pool = BufferPool()
        var alone = try Tensor(shape: [2, 2], elements: [Float(1), 2, 3, 4])
        var viewed = try Tensor(shape: [2, 2], elements: [Int64(1), 2, 3, 4])
        let view = try viewed.reshaped([4])

        // When both are recycled
        pool.recycle(&alone)
        pool.recycle(&viewed)

        // Then only the unique buffer is kept, and the view is intact
        #expect(pool.idleBytes == 4 * MemoryLayout<Float>.stride)
        #expect(view.elements(Int64.self) == [1, 2, 3, 4])
        #expect(alone.count == 0 && viewed.count == 0)
    }

    @Test func idleMemoryStaysUnderTheLimit() {
        // Given a pool that may keep 64 bytes
        let pool = BufferPool(maxIdleBytes: 64)
        var buffers = (0..<5).map { _ in [Float](repeating: 1, count: 4) }

        // When five 16-byte buffers and a 128-byte one are recycled
        for i in buffers.indices { pool.recycle(&buffers[i]) }
        var large = [Float](repeating: 1, count: 32)
        pool.recycle(&large)

        // Then it keeps four
        #expect(pool.idleBytes == 64)
    }

    @Test func aRunForgetsSizesItDidNotAskFor() {
        // Given buffers of two sizes recycled during a run that asks only for one of them
        let pool = BufferPool()
        var small = [Float](repeating: 1, count: 4)
        var other = [Float](repeating: 1, count: 6)
        _ = pooledArray(pool, count: 4, value: 0)
        pool.recycle(&small)
        pool.recycle(&other)

        // When the run finishes
        _ = pool.finishRun()

        // Then only the size it asked for is kept
        #expect(pool.idleBytes == 4 * MemoryLayout<Float>.stride)
    }

    @Test func stringsAreNeverPooled() {
        let pool = BufferPool()
        var strings = ["a", "b"]
        pool.recycle(&strings)
        #expect(pool.idleBytes == 0)
        #expect(strings.isEmpty)
    }
}
