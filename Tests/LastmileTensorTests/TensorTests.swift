import LastmileTesting
import Testing
@testable import LastmileTensor

@Suite struct TensorTests {
    @Test func elementCountMustMatchTheShape() {
        let error = #expect(throws: TensorError.self) { try Tensor(shape: [2, 3], elements: [Float(1), 2]) }
        #expect(error?.message == "shape [2, 3] needs 6 elements, got 2")
        #expect(throws: TensorError.self) { try Tensor(shape: [-1], elements: [Float]()) }
    }

    @Test func copiesShareStorageUntilOneIsChanged() throws {
        // Given a tensor and a reshaped copy
        let a = try Tensor(shape: [2, 2], elements: [Int64(1), 2, 3, 4])
        let b = try a.reshaped([4])
        // Then both see the same elements, under their own shapes
        #expect(b.shape == [4])
        #expect(a.shape == [2, 2])
        #expect(b.elements(Int64.self) == a.elements(Int64.self))
        #expect(throws: TensorError.self) { try a.reshaped([3]) }
    }

    @Test func broadcastingFollowsNumpy() throws {
        #expect(try Shape.broadcast([2, 1, 3], [4, 1]) == [2, 4, 3])
        #expect(try Shape.broadcast([], [5]) == [5])
        #expect(throws: TensorError.self) { try Shape.broadcast([2, 3], [4, 3]) }

        // [2, 3] + [3] and [2, 1] + [1, 3]: numpy gives these
        let row = try Broadcast.map([Float(1), 2, 3, 4, 5, 6], [2, 3], [Float(10), 20, 30], [3], +)
        #expect(row.shape == [2, 3])
        #expect(row.elements(Float.self) == [11, 22, 33, 14, 25, 36])
        let outer = try Broadcast.map([Int32(1), 2], [2, 1], [Int32(10), 20, 30], [1, 3], *)
        #expect(outer.elements(Int32.self) == [10, 20, 30, 20, 40, 60])
        let three = try Broadcast.map([true, false], [2, 1], [Int64(1), 2], [2], [Int64(7)], [], { c, x, y in c ? x : y })
        #expect(three.shape == [2, 2])
        #expect(three.elements(Int64.self) == [1, 2, 7, 7])
    }

    @Test func broadcastingMatchesAReferenceOnRandomShapes() throws {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<50 {
            let rank = Int(generator.next() % 4) + 1
            let out = (0..<rank).map { _ in Int(generator.next() % 3) + 1 }
            let a = out.map { generator.next() % 2 == 0 ? 1 : $0 }
            let b = Array(out.dropFirst(Int(generator.next() % UInt64(rank)))).map { generator.next() % 2 == 0 ? 1 : $0 }
            let x = (0..<Shape.count(a)).map { _ in Double(generator.next() % 100) }
            let y = (0..<Shape.count(b)).map { _ in Double(generator.next() % 100) }
            let result = try Broadcast.map(x, a, y, b, -)
            // Reference: index each operand with numpy's rule, element by element
            let shape = try Shape.broadcast(a, b)
            var expected: [Double] = []
            for flat in 0..<Shape.count(shape) {
                var rest = flat
                var index = [Int](repeating: 0, count: shape.count)
                for axis in stride(from: shape.count - 1, through: 0, by: -1) {
                    index[axis] = rest % shape[axis]
                    rest /= shape[axis]
                }
                func offset(_ s: [Int]) -> Int {
                    let pad = shape.count - s.count
                    var o = 0
                    for (axis, size) in s.enumerated() { o = o * size + (size == 1 ? 0 : index[axis + pad]) }
                    return o
                }
                expected.append(x[offset(a)] - y[offset(b)])
            }
            #expect(result.shape == shape)
            #expect(result.elements(Double.self) == expected)
        }
    }

    @Test func castsFollowC() throws {
        let floats = try Tensor(shape: [5], elements: [Float(-1.7), 2.5, .nan, 300, 1e10])
        #expect(try floats.cast(to: .int32).elements(Int32.self) == [-1, 2, 0, 300, Int32.max])
        #expect(try floats.cast(to: .bool).elements(Bool.self) == [true, true, true, true, true])
        let wide = try Tensor(shape: [2], elements: [Int64(257), -1])
        #expect(try wide.cast(to: .uint8).elements(UInt8.self) == [1, 255])
        let strings = try Tensor(shape: [3], elements: ["1.5", "NaN", "-INF"])
        let parsed = try strings.cast(to: .float64).elements(Double.self) ?? []
        #expect(parsed[0] == 1.5 && parsed[1].isNaN && parsed[2] == -.infinity)
        #expect(throws: TensorError.self) { try Tensor(shape: [1], elements: ["abc"]).cast(to: .float32) }
        let half = try Tensor(shape: [2], elements: [Float(0.5), 65504]).cast(to: .float16)
        #expect(half.elements(Float16.self) == [0.5, 65504])
    }

    @Test func matmulMatchesAPlainLoop() throws {
        var generator = SeededGenerator(seed: 7)
        let cases: [([Int], [Int])] = [([3, 4], [4, 5]), ([2, 3, 4], [4, 2]), ([4], [4, 3]), ([2, 1, 2, 3], [3, 3, 2]), ([5], [5])]
        for (aShape, bShape) in cases {
            let a = (0..<Shape.count(aShape)).map { _ in Double(Int(generator.next() % 11) - 5) }
            let b = (0..<Shape.count(bShape)).map { _ in Double(Int(generator.next() % 11) - 5) }
            let af: [Float] = a.map { Float($0) }, bf: [Float] = b.map { Float($0) }
            let ai: [Int64] = a.map { Int64($0) }, bi: [Int64] = b.map { Int64($0) }
            let f32 = try Tensor.matmul(Tensor(shape: aShape, elements: af), Tensor(shape: bShape, elements: bf))
            let i64 = try Tensor.matmul(Tensor(shape: aShape, elements: ai), Tensor(shape: bShape, elements: bi))
            let reference = Self.referenceMatmul(a, aShape, b, bShape)
            #expect(f32.shape == reference.shape, "\(aShape) x \(bShape)")
            let expectedFloats: [Float] = reference.values.map { Float($0) }
            let expectedInts: [Int64] = reference.values.map { Int64($0) }
            #expect(f32.elements(Float.self) == expectedFloats, "\(aShape) x \(bShape)")
            #expect(i64.elements(Int64.self) == expectedInts, "\(aShape) x \(bShape)")
        }
        #expect(throws: TensorError.self) {
            try Tensor.matmul(Tensor(shape: [2, 3], elements: [Float](repeating: 1, count: 6)), Tensor(shape: [2, 3], elements: [Float](repeating: 1, count: 6)))
        }
    }

    @Test func transposeMovesAxes() throws {
        let x = try Tensor(shape: [2, 3], elements: ["a", "b", "c", "d", "e", "f"])
        let t = try x.transposed([1, 0])
        #expect(t.shape == [3, 2])
        #expect(t.elements(String.self) == ["a", "d", "b", "e", "c", "f"])
        #expect(throws: TensorError.self) { try x.transposed([0, 0]) }
        let b = try Tensor(shape: [3, 1], elements: [Int8(1), 2, 3]).broadcast(to: [2, 3, 2])
        #expect(b.elements(Int8.self) == [1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3])
    }

    /// numpy.matmul written out with loops.
    static func referenceMatmul(_ a: [Double], _ aShape: [Int], _ b: [Double], _ bShape: [Int]) -> (shape: [Int], values: [Double]) {
        let a2 = aShape.count == 1 ? [1] + aShape : aShape
        let b2 = bShape.count == 1 ? bShape + [1] : bShape
        let m = a2[a2.count - 2], k = a2[a2.count - 1], n = b2[b2.count - 1]
        let batch = (try? Shape.broadcast(Array(a2.dropLast(2)), Array(b2.dropLast(2)))) ?? []
        var values: [Double] = []
        let batches = Shape.count(batch)
        for flat in 0..<batches {
            var rest = flat
            var index = [Int](repeating: 0, count: batch.count)
            for axis in stride(from: batch.count - 1, through: 0, by: -1) { index[axis] = rest % batch[axis]; rest /= batch[axis] }
            func base(_ s: [Int], _ matrix: Int) -> Int {
                let dims = Array(s.dropLast(2)), pad = batch.count - dims.count
                var o = 0
                for (axis, size) in dims.enumerated() { o = o * size + (size == 1 ? 0 : index[axis + pad]) }
                return o * matrix
            }
            let ao = base(a2, m * k), bo = base(b2, k * n)
            for i in 0..<m { for j in 0..<n {
                var sum = 0.0
                for p in 0..<k { sum += a[ao + i * k + p] * b[bo + p * n + j] }
                values.append(sum)
            } }
        }
        var shape = batch + [m, n]
        if aShape.count == 1 { shape.remove(at: shape.count - 2) }
        if bShape.count == 1 { shape.removeLast() }
        return (shape, values)
    }
}


@Suite struct CastToStringTests {
    @Test func floatsPrintTheirShortestRoundTrippingText() throws {
        let floats = try Tensor(shape: [5], elements: [Float(0.1), 2, -1.5, .nan, -.infinity]).cast(to: .string)
        #expect(floats.elements(String.self) == ["0.1", "2", "-1.5", "NaN", "-INF"])
        let doubles = try Tensor(shape: [1], elements: [0.1]).cast(to: .string)
        #expect(doubles.elements(String.self) == ["0.1"])
    }
}
