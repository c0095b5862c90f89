import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileEngine

private func floats(_ shape: [Int], _ values: [Float]) -> Tensor { Tensor(unchecked: shape, values) }
private func int64s(_ shape: [Int], _ values: [Int64]) -> Tensor { Tensor(unchecked: shape, values) }

/// Expected values are from the ONNX operator docs and numpy.
@Suite struct SequenceOpsTests {
    @Test func splitToSequenceThenConcatFromSequenceRestoresTheTensor() throws {
        let x = floats([2, 3], [1, 2, 3, 4, 5, 6])
        let split = try OpHarness.values("SplitToSequence", [.tensor(x)], ["axis": .int(1), "keepdims": .int(0)])
        guard case .sequence(let items) = split.first else { Issue.record("expected a sequence"); return }
        #expect(items.compactMap(\.tensor) == [floats([2], [1, 4]), floats([2], [2, 5]), floats([2], [3, 6])])
        let joined = try OpHarness.values("ConcatFromSequence", split, ["axis": .int(1), "new_axis": .int(1)])
        #expect(joined.first?.tensor == x)
    }

    @Test func sequenceInsertAtAndEraseFollowPositions() throws {
        let a = floats([1], [1])
        let b = floats([1], [2])
        let sequence = try OpHarness.values("SequenceConstruct", [.tensor(a), .tensor(b)])
        let inserted = try OpHarness.values("SequenceInsert", [sequence[0], .tensor(floats([1], [3])), .tensor(int64s([], [-1]))])
        let at = try OpHarness.values("SequenceAt", [inserted[0], .tensor(int64s([], [1]))])
        #expect(at.first?.tensor == floats([1], [3]))
        let erased = try OpHarness.values("SequenceErase", [inserted[0]])
        let length = try OpHarness.values("SequenceLength", erased)
        #expect(length.first?.tensor == int64s([], [2]))
        #expect(throws: OpError.self) { try OpHarness.values("SequenceAt", [inserted[0], .tensor(int64s([], [3]))]) }
    }

    @Test func reverseSequenceReversesEachBatchToItsLength() throws {
        let x = floats([4, 4], (0..<16).map(Float.init))
        let y = try OpHarness.output("ReverseSequence", [x, int64s([4], [4, 3, 2, 1])], ["time_axis": .int(0), "batch_axis": .int(1)])
        #expect(y == floats([4, 4], [12, 9, 6, 3, 8, 5, 2, 7, 4, 1, 10, 11, 0, 13, 14, 15]))
    }

    @Test func uniqueReturnsAllFourOutputsSortedOrNot() throws {
        let x = floats([6], [2, 1, 1, 3, 4, 3])
        let unsorted = try OpHarness.outputs("Unique", [x], ["sorted": .int(0)], outputs: 4)
        #expect(unsorted == [floats([4], [2, 1, 3, 4]), int64s([4], [0, 1, 3, 4]), int64s([6], [0, 1, 1, 2, 3, 2]), int64s([4], [1, 2, 2, 1])])
        let sorted = try OpHarness.outputs("Unique", [x], outputs: 4)
        #expect(sorted == [floats([4], [1, 2, 3, 4]), int64s([4], [1, 0, 3, 4]), int64s([6], [1, 0, 0, 2, 3, 2]), int64s([4], [2, 1, 2, 1])])
    }

    @Test func hardmaxCoercesTo2DBeforeOpset13() throws {
        let x = floats([1, 2, 2], [1, 3, 2, 0])
        #expect(try OpHarness.output("Hardmax", opset: 11, [x]) == floats([1, 2, 2], [0, 1, 0, 0]))
        #expect(try OpHarness.output("Hardmax", opset: 13, [x]) == floats([1, 2, 2], [0, 1, 1, 0]))
    }

    @Test func stringSplitPadsRowsAndCountsParts() throws {
        let x = Tensor(unchecked: [2], ["a,b,,c", ""])
        let delimited = try OpHarness.outputs("StringSplit", opset: 20, [x], ["delimiter": .string(",")], outputs: 2)
        #expect(delimited == [Tensor(unchecked: [2, 4], ["a", "b", "", "c", "", "", "", ""]), int64s([2], [4, 1])])
        let spaced = try OpHarness.outputs("StringSplit", opset: 20, [Tensor(unchecked: [2], ["  hello  world ", "x"])], outputs: 2)
        #expect(spaced == [Tensor(unchecked: [2, 2], ["hello", "world", "x", ""]), int64s([2], [2, 1])])
    }

    @Test func nonMaxSuppressionKeepsTheBestBoxPerCluster() throws {
        let boxes = floats([1, 3, 4], [0, 0, 1, 1, 0, 0.1, 1, 1.1, 0, 10, 1, 11])
        let scores = floats([1, 1, 3], [0.9, 0.75, 0.6])
        let selected = try OpHarness.output(
            "NonMaxSuppression", opset: 11, [boxes, scores, int64s([1], [3]), floats([1], [0.5]), floats([1], [0])])
        #expect(selected == int64s([2, 3], [0, 0, 0, 0, 0, 2]))
    }
}
