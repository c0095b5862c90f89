import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileEngine

// Expected values come from onnxruntime 1.23 (one-node models) unless a test computes them
// with a reference implementation.

private func run(
    _ op: String, opset: Int = 17, _ inputs: [Tensor?], _ attributes: [String: Attribute] = [:], outputs: Int = 1
) throws -> [Tensor] {
    try OpHarness.outputs(op, opset: opset, inputs, attributes, outputs: outputs)
}

private func floats(_ t: Tensor) -> [Float] { t.elements(Float.self) ?? [] }

private func runWithConstants(
    _ op: String, opset: Int, _ inputs: [Tensor?], constant: Set<Int>, _ attributes: [String: Attribute] = [:],
    outputs: Int = 1
) throws -> [Tensor] {
    try OpHarness.outputs(op, opset: opset, inputs, attributes, outputs: outputs, constantInputs: constant)
}

private func close(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in
        x == y || abs(x - y) <= tolerance * max(1, abs(y))
    }
}

private func axes(_ values: [Int64]) -> Tensor { Tensor(unchecked: [values.count], values) }

/// [2, 3, 4] values -5, -4.5, ..., 6.5.
private let sample = Tensor(unchecked: [2, 3, 4], (0..<24).map { Float($0) * 0.5 - 5 })
/// The sample's absolute values plus 0.25, for ReduceLogSum.
private let positiveSample = Tensor(unchecked: [2, 3, 4], (0..<24).map { abs(Float($0) * 0.5 - 5) + 0.25 })

@Suite struct ReductionOpsTests {
    @Test func everyReductionMatchesOnnxruntimeOverNonAdjacentAxes() throws {
        let expected: [(String, [Float])] = [
            ("ReduceSum", [-10.0, 6.0, 22.0]),
            ("ReduceMean", [-1.25, 0.75, 2.75]),
            ("ReduceMax", [2.5, 4.5, 6.5]),
            ("ReduceMin", [-5.0, -3.0, -1.0]),
            ("ReduceProd", [2362.5, 4252.5, 0.0]),
            ("ReduceL1", [24.0, 24.0, 25.0]),
            ("ReduceL2", [9.32737922668457, 8.88819408416748, 11.618949890136719]),
            ("ReduceLogSum", [3.25809645652771, 3.25809645652771, 3.295836925506592]),
            ("ReduceLogSumExp", [3.2898144721984863, 5.289814472198486, 7.289814472198486]),
            ("ReduceSumSquare", [87.0, 79.0, 135.0]),
        ]
        for (op, values) in expected {
            let x = op == "ReduceLogSum" ? positiveSample : sample
            let y = try run(op, opset: 18, [x, axes([0, 2])])[0]
            #expect(y.shape == [1, 3, 1], "\(op)")
            #expect(close(floats(y), values), "\(op): \(floats(y))")
        }
    }

    @Test func everyReductionTakesAxesAsAttributeBeforeItsInputOpset() throws {
        let expected: [(String, [Float])] = [
            ("ReduceSum", [-9.0, -7.5, -6.0, -4.5, 9.0, 10.5, 12.0, 13.5]),
            ("ReduceMean", [-3.0, -2.5, -2.0, -1.5, 3.0, 3.5, 4.0, 4.5]),
            ("ReduceMax", [-1.0, -0.5, 0.0, 0.5, 5.0, 5.5, 6.0, 6.5]),
            ("ReduceMin", [-5.0, -4.5, -4.0, -3.5, 1.0, 1.5, 2.0, 2.5]),
            ("ReduceProd", [-15.0, -5.625, 0.0, 2.625, 15.0, 28.875, 48.0, 73.125]),
            ("ReduceL1", [9.0, 7.5, 6.0, 5.5, 9.0, 10.5, 12.0, 13.5]),
            ("ReduceL2", [5.916079998016357, 5.172039985656738, 4.4721360206604, 3.8405728340148926,
                          5.916079998016357, 6.689544200897217, 7.4833149909973145, 8.2915620803833]),
            ("ReduceLogSum", [2.2772672176361084, 2.110213279724121, 1.9095425605773926, 1.8325815200805664,
                              2.2772672176361084, 2.420368194580078, 2.5455312728881836, 2.65675687789917]),
            ("ReduceLogSumExp", [-0.8570684194564819, -0.35706841945648193, 0.14293159544467926, 0.6429315805435181,
                                 5.1429314613342285, 5.6429314613342285, 6.1429314613342285, 6.6429314613342285]),
            ("ReduceSumSquare", [35.0, 26.75, 20.0, 14.75, 35.0, 44.75, 56.0, 68.75]),
        ]
        for (op, values) in expected {
            let x = op == "ReduceLogSum" ? positiveSample : sample
            let y = try run(op, opset: 11, [x], ["axes": .ints([-2]), "keepdims": .int(0)])[0]
            #expect(y.shape == [2, 4], "\(op)")
            #expect(close(floats(y), values), "\(op): \(floats(y))")
        }
    }

    @Test func constantAxesKAndAxisAreReadWhenTheKernelIsBuilt() throws {
        let sum = try runWithConstants("ReduceSum", opset: 13, [sample, axes([2])], constant: [1], ["keepdims": .int(0)])[0]
        #expect(floats(sum) == [-17, -9, -1, 7, 15, 23])
        let cumulative = try runWithConstants("CumSum", opset: 14, [sample, Tensor(scalar: Int64(0))], constant: [1])[0]
        let lastTwo: [Float] = Array(floats(cumulative).suffix(2))
        #expect(lastTwo == [6, 7])
        let top = try runWithConstants("TopK", opset: 11, [sample, Tensor(unchecked: [1], [1] as [Int64])], constant: [1], outputs: 2)
        #expect(floats(top[0]) == [-3.5, -1.5, 0.5, 2.5, 4.5, 6.5])
        #expect(throws: OpError.self) {
            try runWithConstants("ReduceSum", opset: 13, [sample, Tensor(unchecked: [1], [1] as [Float])], constant: [1])
        }
    }

    @Test func reduceSumReadsAxesFromInputFromOpset13() throws {
        let y = try run("ReduceSum", opset: 13, [sample, axes([2])], ["keepdims": .int(0)])[0]
        #expect(y.shape == [2, 3])
        #expect(floats(y) == [-17, -9, -1, 7, 15, 23])
    }

    @Test func missingAxesReduceEverythingUnlessNoopIsSet() throws {
        let all = try run("ReduceSum", opset: 13, [sample, nil])[0]
        #expect(all.shape == [1, 1, 1])
        #expect(floats(all) == [18])
        let scalar = try run("ReduceMean", opset: 18, [sample], ["keepdims": .int(0)])[0]
        #expect(scalar.shape == [])
        #expect(floats(scalar) == [0.75])
        let noop = try run("ReduceSum", opset: 13, [sample, axes([])], ["noop_with_empty_axes": .int(1)])[0]
        #expect(noop == sample)
        let noopSquare = try run("ReduceSumSquare", opset: 18, [sample], ["noop_with_empty_axes": .int(1)])[0]
        #expect(noopSquare == sample)
    }

    @Test func integerReductionsWrapAndTruncateLikeOnnxruntime() throws {
        let x = Tensor(unchecked: [2, 3], [3, -7, 2, 5, 5, -1] as [Int32])
        let mean = try run("ReduceMean", opset: 13, [x], ["axes": .ints([1])])[0]
        #expect(mean == Tensor(unchecked: [2, 1], [0, 3] as [Int32]))
        let l2 = try run("ReduceL2", opset: 13, [x], ["axes": .ints([1])])[0]
        #expect(l2 == Tensor(unchecked: [2, 1], [7, 7] as [Int32]))
        let l1 = try run("ReduceL1", opset: 13, [try x.cast(to: .int64)], ["keepdims": .int(0)])[0]
        #expect(l1 == Tensor(scalar: Int64(23)))
        let wrapped = try run("ReduceSum", opset: 13, [Tensor(unchecked: [2], [UInt32.max, 2]), nil])[0]
        #expect(wrapped.elements(UInt32.self) == [1])
    }

    @Test func maxAndMinAcceptSmallIntegersAndBool() throws {
        let bytes = Tensor(unchecked: [2, 2], [-3, 7, 100, -128] as [Int8])
        let max = try run("ReduceMax", opset: 18, [bytes, axes([0])])[0]
        #expect(max == Tensor(unchecked: [1, 2], [100, 7] as [Int8]))
        let flags = Tensor(unchecked: [2, 2], [true, false, false, false])
        #expect(try run("ReduceMax", opset: 20, [flags, axes([1])])[0] == Tensor(unchecked: [2, 1], [true, false]))
        #expect(try run("ReduceMin", opset: 20, [flags, axes([1])])[0] == Tensor(unchecked: [2, 1], [false, false]))
        #expect(throws: OpError.self) { try run("ReduceSum", opset: 13, [flags, nil]) }
        #expect(throws: OpError.self) { try run("ReduceSum", opset: 13, [bytes, nil]) }
    }

    @Test func float16IsReducedInFloat() throws {
        let x = Tensor(unchecked: [4], [0.1, 0.2, 0.3, 0.4] as [Float16])
        let y = try run("ReduceSum", opset: 13, [x, nil], ["keepdims": .int(0)])[0]
        #expect(y == Tensor(scalar: Float16(1)))
    }

    @Test func emptySetsGiveEachReductionsIdentity() throws {
        let empty = Tensor.zeros(.float32, shape: [2, 0])
        let expected: [(String, Float)] = [
            ("ReduceSum", 0), ("ReduceProd", 1), ("ReduceMax", -.infinity), ("ReduceMin", .infinity),
            ("ReduceLogSumExp", -.infinity), ("ReduceL2", 0),
        ]
        for (op, value) in expected {
            let y = try run(op, opset: 18, [empty, axes([1])])[0]
            #expect(y.shape == [2, 1], "\(op)")
            #expect(floats(y) == [value, value], "\(op)")
        }
        let ints = try run("ReduceMean", opset: 18, [Tensor.zeros(.int64, shape: [0, 3]), axes([0])])[0]
        #expect(ints == Tensor(unchecked: [1, 3], [0, 0, 0] as [Int64]))
        let none = try run("ReduceSum", opset: 13, [Tensor.zeros(.float32, shape: [0, 3]), axes([1])])[0]
        #expect(none.shape == [0, 1])
    }

    @Test func logSumExpHandlesLargeAndInfiniteValues() throws {
        let x = Tensor(unchecked: [3, 2], [1000, 1000, -Float.infinity, -Float.infinity, Float.infinity, 1] as [Float])
        let y = try run("ReduceLogSumExp", opset: 18, [x, axes([1])], ["keepdims": .int(0)])[0]
        #expect(close(floats(y), [1000 + Float.log(2), -.infinity, .infinity]))
    }

    @Test func scalarsReduceToThemselves() throws {
        let y = try run("ReduceMax", opset: 13, [Tensor(scalar: Float(4))], ["keepdims": .int(0)])[0]
        #expect(y == Tensor(scalar: Float(4)))
    }

    @Test func badAxesThrowInsteadOfCrashing() {
        #expect(throws: OpError.self) { try run("ReduceSum", opset: 13, [sample, axes([3])]) }
        #expect(throws: OpError.self) { try run("ReduceMean", opset: 18, [sample, axes([-4])]) }
        #expect(throws: OpError.self) { try run("ReduceMax", opset: 11, [sample], ["axes": .ints([7])]) }
        #expect(throws: OpError.self) {
            try run("ReduceSum", opset: 13, [sample, Tensor(unchecked: [1], [1.0] as [Float])])
        }
        #expect(throws: OpError.self) { try run("ReduceSum", opset: 13, [Tensor(unchecked: [1], ["a"]), nil]) }
    }

    @Test func emptyTensorsWithHugeDimensionsThrowInsteadOfOverflowing() throws {
        let huge = Tensor.zeros(.float32, shape: [0, 1 << 40, 1 << 40])
        #expect(throws: OpError.self) { try run("ReduceSum", opset: 13, [huge, axes([0])]) }
        #expect(throws: OpError.self) { try run("ArgMax", opset: 13, [huge]) }
        #expect(throws: OpError.self) { try run("CumSum", opset: 14, [huge, Tensor(scalar: Int32(0))]) }
        #expect(throws: OpError.self) { try run("TopK", opset: 11, [huge, Tensor(unchecked: [1], [0] as [Int64])], outputs: 2) }
        let fine = try run("ReduceSum", opset: 13, [Tensor.zeros(.float32, shape: [0, 1 << 40]), axes([1])])[0]
        #expect(fine.shape == [0, 1])
    }

    @Test func randomShapesAndAxesMatchANaiveReference() throws {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<60 {
            let rank = Int.random(in: 1...5, using: &rng)
            let shape = (0..<rank).map { _ in Int.random(in: 1...4, using: &rng) }
            let count = Shape.count(shape)
            let values = (0..<count).map { _ in Float(Int.random(in: -50...50, using: &rng)) / 8 }
            let chosen = (0..<rank).filter { _ in Bool.random(using: &rng) }
            let keepdims = Bool.random(using: &rng)
            let x = Tensor(unchecked: shape, values)
            let sum = try run("ReduceSum", opset: 13, [x, axes(chosen.map(Int64.init))], ["keepdims": .int(keepdims ? 1 : 0)])[0]
            let max = try run("ReduceMax", opset: 18, [x, axes(chosen.map(Int64.init))], ["keepdims": .int(keepdims ? 1 : 0)])[0]
            let reference = naiveReduce(values, shape: shape, axes: chosen.isEmpty ? Array(0..<rank) : chosen)
            let expectedShape = (0..<rank).compactMap { i -> Int? in
                (chosen.isEmpty || chosen.contains(i)) ? (keepdims ? 1 : nil) : shape[i]
            }
            #expect(sum.shape == expectedShape, "shape \(shape) axes \(chosen)")
            #expect(floats(sum) == reference.sums, "shape \(shape) axes \(chosen)")
            #expect(floats(max) == reference.maxima, "shape \(shape) axes \(chosen)")
        }
    }

    // MARK: - ArgMax, ArgMin

    /// [2, 3, 2] with ties.
    private let tied = Tensor(unchecked: [2, 3, 2], [1, 5, 5, 2, 0, 5, 9, 9, 1, 9, 9, 0] as [Float])

    @Test func argMaxAndArgMinMatchOnnxruntimeOnTies() throws {
        let cases: [(String, Int, Int, [Int64])] = [
            ("ArgMax", 1, 0, [1, 0, 0, 0]), ("ArgMax", 1, 1, [1, 2, 2, 1]),
            ("ArgMax", -1, 0, [1, 0, 1, 0, 1, 0]), ("ArgMax", -1, 1, [1, 0, 1, 1, 1, 0]),
            ("ArgMax", 0, 0, [1, 1, 0, 1, 1, 0]),
            ("ArgMin", 1, 0, [2, 1, 1, 2]), ("ArgMin", -1, 0, [0, 1, 0, 0, 0, 1]),
            ("ArgMin", -1, 1, [0, 1, 0, 1, 0, 1]), ("ArgMin", 0, 1, [0, 0, 1, 0, 0, 1]),
        ]
        for (op, axis, last, expected) in cases {
            let y = try run(op, opset: 13, [tied], ["axis": .int(axis), "select_last_index": .int(last)])[0]
            #expect(y.elements(Int64.self) == expected, "\(op) axis \(axis) last \(last)")
        }
    }

    @Test func argMaxKeepsOrDropsTheAxis() throws {
        let kept = try run("ArgMax", opset: 11, [tied], ["axis": .int(1)])[0]
        #expect(kept.shape == [2, 1, 2])
        let dropped = try run("ArgMin", opset: 11, [tied], ["axis": .int(1), "keepdims": .int(0)])[0]
        #expect(dropped.shape == [2, 2])
        // select_last_index does not exist before opset 12.
        let old = try run("ArgMax", opset: 11, [tied], ["axis": .int(-1), "select_last_index": .int(1)])[0]
        #expect(old.elements(Int64.self) == [1, 0, 1, 0, 1, 0])
        let ints = try run("ArgMin", opset: 13, [Tensor(unchecked: [4], [4, -2, 7, -2] as [Int16])])[0]
        #expect(ints == Tensor(unchecked: [1], [1] as [Int64]))
    }

    @Test func argMaxRejectsBadAxesAndEmptyAxes() {
        #expect(throws: OpError.self) { try run("ArgMax", opset: 13, [tied], ["axis": .int(3)]) }
        #expect(throws: OpError.self) { try run("ArgMin", opset: 13, [Tensor.zeros(.float32, shape: [2, 0])], ["axis": .int(1)]) }
        #expect(throws: OpError.self) { try run("ArgMax", opset: 13, [Tensor(unchecked: [1], [true])]) }
    }

    // MARK: - CumSum

    @Test func cumSumCoversExclusiveAndReverseOnBothAxes() throws {
        let x = Tensor(unchecked: [2, 3], [1, 2, 3, 4, 5, 6] as [Float])
        let cases: [(Int32, Int, Int, [Float])] = [
            (0, 0, 0, [1, 2, 3, 5, 7, 9]), (0, 0, 1, [5, 7, 9, 4, 5, 6]),
            (0, 1, 0, [0, 0, 0, 1, 2, 3]), (0, 1, 1, [4, 5, 6, 0, 0, 0]),
            (1, 0, 0, [1, 3, 6, 4, 9, 15]), (1, 0, 1, [6, 5, 3, 15, 11, 6]),
            (1, 1, 0, [0, 1, 3, 0, 4, 9]), (-1, 1, 1, [5, 3, 0, 11, 6, 0]),
        ]
        for (axis, exclusive, reverse, expected) in cases {
            let y = try run("CumSum", opset: 14, [x, Tensor(scalar: axis)], ["exclusive": .int(exclusive), "reverse": .int(reverse)])[0]
            #expect(y.shape == [2, 3])
            #expect(floats(y) == expected, "axis \(axis) exclusive \(exclusive) reverse \(reverse)")
        }
    }

    @Test func cumSumSupportsIntegersAndFloat16AndRejectsBadAxes() throws {
        let ints = Tensor(unchecked: [4], [1, -2, 3, Int64.max] as [Int64])
        let y = try run("CumSum", opset: 11, [ints, Tensor(unchecked: [1], [0] as [Int64])])[0]
        #expect(y == Tensor(unchecked: [4], [1, -1, 2, Int64.max &+ 2] as [Int64]))
        let halves = Tensor(unchecked: [3], [0.5, 0.25, 0.125] as [Float16])
        #expect(try run("CumSum", opset: 14, [halves, Tensor(scalar: Int32(0))])[0]
            == Tensor(unchecked: [3], [0.5, 0.75, 0.875] as [Float16]))
        #expect(throws: OpError.self) { try run("CumSum", opset: 14, [ints, Tensor(scalar: Int32(1))]) }
        #expect(throws: OpError.self) { try run("CumSum", opset: 14, [ints, Tensor(scalar: Float(0))]) }
        #expect(throws: OpError.self) { try run("CumSum", opset: 14, [ints, nil]) }
    }

    // MARK: - TopK

    private let ranked = Tensor(unchecked: [2, 8], [3, 1, 3, 2, 1, 5, 0, 5, 2, 2, 2, 2, 2, 2, 2, 2] as [Float])

    @Test func topKMatchesOnnxruntimeWithTiesOnTheLowerIndex() throws {
        let k = Tensor(unchecked: [1], [3] as [Int64])
        let largest = try run("TopK", opset: 11, [ranked, k], outputs: 2)
        #expect(largest[0] == Tensor(unchecked: [2, 3], [5, 5, 3, 2, 2, 2] as [Float]))
        #expect(largest[1] == Tensor(unchecked: [2, 3], [5, 7, 0, 0, 1, 2] as [Int64]))
        let smallest = try run("TopK", opset: 11, [ranked, k], ["largest": .int(0)], outputs: 2)
        #expect(floats(smallest[0]) == [0, 1, 1, 2, 2, 2])
        #expect(smallest[1].elements(Int64.self) == [6, 1, 4, 0, 1, 2])
    }

    @Test func topKWorksAlongALeadingAxisAndWithTheOpset1Attribute() throws {
        let first = try run("TopK", opset: 10, [ranked, Tensor(unchecked: [1], [1] as [Int64])], ["axis": .int(0)], outputs: 2)
        #expect(first[0].shape == [1, 8])
        #expect(floats(first[0]) == [3, 2, 3, 2, 2, 5, 2, 5])
        #expect(first[1].elements(Int64.self) == [0, 1, 0, 0, 1, 0, 1, 0])
        let old = try run("TopK", opset: 1, [ranked], ["k": .int(2)], outputs: 2)
        #expect(floats(old[0]) == [5, 5, 2, 2])
        #expect(old[1].elements(Int64.self) == [5, 7, 0, 1])
        let none = try run("TopK", opset: 11, [ranked, Tensor(unchecked: [1], [0] as [Int64])], outputs: 2)
        #expect(none[0].shape == [2, 0])
    }

    @Test func topKHeapAndSortAgreeWithAStableSortReference() throws {
        var rng = SeededGenerator(seed: 7)
        for trial in 0..<40 {
            let n = Int.random(in: 1...300, using: &rng)
            let k = Int.random(in: 0...min(n, trial.isMultiple(of: 2) ? 5 : n), using: &rng)
            let values = (0..<n).map { _ in Int32.random(in: -20...20, using: &rng) }
            let largest = Bool.random(using: &rng)
            let y = try run(
                "TopK", opset: 11, [Tensor(unchecked: [n], values), Tensor(unchecked: [1], [Int64(k)])],
                ["largest": .int(largest ? 1 : 0)], outputs: 2)
            // Swift's sort is stable, so equal values keep ascending indices.
            let order = (0..<n).sorted { largest ? values[$0] > values[$1] : values[$0] < values[$1] }.prefix(k)
            #expect(y[1].elements(Int64.self) == order.map { Int64($0) }, "n \(n) k \(k)")
            #expect(y[0].elements(Int32.self) == order.map { values[$0] })
        }
    }

    @Test func topKPutsNaNFirstWhenLargestAndRejectsBadK() throws {
        let x = Tensor(unchecked: [4], [1, .nan, 3, 2] as [Float])
        let y = try run("TopK", opset: 11, [x, Tensor(unchecked: [1], [2] as [Int64])], outputs: 2)
        #expect(y[1].elements(Int64.self) == [1, 2])
        #expect(throws: OpError.self) { try run("TopK", opset: 11, [x, Tensor(unchecked: [1], [5] as [Int64])], outputs: 2) }
        #expect(throws: OpError.self) { try run("TopK", opset: 11, [x, Tensor(unchecked: [1], [-1] as [Int64])], outputs: 2) }
        #expect(throws: OpError.self) { try run("TopK", opset: 11, [x, Tensor(unchecked: [1], [1] as [Int64])], ["axis": .int(1)], outputs: 2) }
        #expect(throws: OpError.self) { try run("TopK", opset: 1, [x], outputs: 2) }
    }
}

/// Sums and maxima over `axes`, one output per combination of the other axes, in row-major order.
private func naiveReduce(_ values: [Float], shape: [Int], axes: [Int]) -> (sums: [Float], maxima: [Float]) {
    let strides = Shape.strides(shape)
    let keptAxes = (0..<shape.count).filter { !axes.contains($0) }
    let outCount = Shape.count(keptAxes.map { shape[$0] })
    var sums = [Float](repeating: 0, count: outCount)
    var maxima = [Float](repeating: -.infinity, count: outCount)
    for flat in 0..<values.count {
        var out = 0
        for axis in keptAxes {
            out = out * shape[axis] + (flat / strides[axis]) % shape[axis]
        }
        sums[out] += values[flat]
        maxima[out] = max(maxima[out], values[flat])
    }
    return (sums, maxima)
}

