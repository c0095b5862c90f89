import LastmileTensor
import Testing
@testable import LastmileEngine

/// Runs one node and returns its single output tensor.
private func run(
    _ op: String, opset: Int = 17, _ inputs: [Tensor?], _ attributes: [String: Attribute] = [:]
) throws -> Tensor {
    let outputs = try OpRegistry.standard.runNode(op, opset: opset, inputs: inputs.map { $0.map(Value.tensor) }, attributes: attributes)
    guard let tensor = outputs.first?.tensor else { throw OpError("no tensor output") }
    return tensor
}

private func floats(_ shape: [Int], _ values: [Float]) -> Tensor { Tensor(unchecked: shape, values) }
private func bools(_ shape: [Int], _ values: [Bool]) -> Tensor { Tensor(unchecked: shape, values) }

@Suite struct LogicOpsTests {
    @Test func comparisonsBroadcastAndTreatNaNAsUnordered() throws {
        let a = floats([2, 3], [1, 2, .nan, 4, 5, 6])
        let b = floats([3], [2, 2, .nan])
        #expect(try run("Equal", [a, b]) == bools([2, 3], [false, true, false, false, false, false]))
        #expect(try run("Greater", [a, b]) == bools([2, 3], [false, false, false, true, true, false]))
        #expect(try run("Less", [a, b]) == bools([2, 3], [true, false, false, false, false, false]))
        #expect(try run("GreaterOrEqual", opset: 12, [a, b]) == bools([2, 3], [false, true, false, true, true, false]))
        #expect(try run("LessOrEqual", opset: 16, [a, b]) == bools([2, 3], [true, true, false, false, false, false]))
    }

    @Test func comparisonsWorkOnEveryNumericType() throws {
        let a = floats([3], [1, 5, 3])
        let b = floats([3], [2, 5, 1])
        for dtype in DType.allCases where dtype.isNumeric {
            let x = try a.cast(to: dtype), y = try b.cast(to: dtype)
            #expect(try run("Less", [x, y]) == bools([3], [true, false, false]), "\(dtype)")
            #expect(try run("Equal", [x, y]) == bools([3], [false, true, false]), "\(dtype)")
            #expect(try run("GreaterOrEqual", [x, y]) == bools([3], [false, true, true]), "\(dtype)")
        }
    }

    @Test func equalComparesBoolsAndStrings() throws {
        let strings = try run("Equal", opset: 19, [Tensor(unchecked: [2], ["a", "b"]), Tensor(unchecked: [1], ["a"])])
        #expect(strings == bools([2], [true, false]))
        #expect(try run("Equal", [bools([2], [true, false]), bools([], [false])]) == bools([2], [false, true]))
        #expect(throws: OpError.self) { try run("Greater", [Tensor(unchecked: [1], ["a"]), Tensor(unchecked: [1], ["b"])]) }
        #expect(throws: OpError.self) { try run("Less", [bools([1], [true]), bools([1], [false])]) }
    }

    @Test func comparisonsRejectMismatchedInputs() {
        #expect(throws: OpError.self) { try run("Equal", [floats([2], [1, 2]), floats([3], [1, 2, 3])]) }
        #expect(throws: OpError.self) { try run("Equal", [floats([1], [1]), Tensor(unchecked: [1], [1] as [Int64])]) }
    }

    @Test func opset1ComparisonsHonourBroadcastAxis() throws {
        let a = floats([2, 3], [1, 2, 3, 4, 5, 6])
        let y = try run("Greater", opset: 1, [a, floats([2], [2, 5])], ["broadcast": .int(1), "axis": .int(0)])
        #expect(y == bools([2, 3], [false, false, true, false, false, true]))
    }

    @Test func logicalOpsBroadcastBools() throws {
        let a = bools([2, 2], [true, true, false, false])
        let b = bools([2], [true, false])
        #expect(try run("And", [a, b]) == bools([2, 2], [true, false, false, false]))
        #expect(try run("Or", [a, b]) == bools([2, 2], [true, true, true, false]))
        #expect(try run("Xor", [a, b]) == bools([2, 2], [false, true, true, false]))
        #expect(try run("Not", [a]) == bools([2, 2], [false, false, true, true]))
        let legacy = try run("And", opset: 1, [a, bools([2], [true, false])], ["broadcast": .int(1), "axis": .int(0)])
        #expect(legacy == bools([2, 2], [true, true, false, false]))
        #expect(throws: OpError.self) { try run("And", [a, floats([2], [1, 0])]) }
        #expect(throws: OpError.self) { try run("Not", [floats([1], [1])]) }
        #expect(throws: OpError.self) { try run("Or", [a, bools([3], [true, true, true])]) }
    }

    @Test func whereBroadcastsAllThreeInputs() throws {
        let condition = bools([2, 1], [true, false])
        let x = floats([3], [1, 2, 3])
        let y = floats([], [-1])
        #expect(try run("Where", [condition, x, y]) == floats([2, 3], [1, 2, 3, -1, -1, -1]))
        let same = try run("Where", [bools([3], [false, true, false]), x, floats([3], [7, 8, 9])])
        #expect(same == floats([3], [7, 2, 9]))
        let strings = try run("Where", [bools([2], [true, false]), Tensor(unchecked: [2], ["a", "b"]), Tensor(unchecked: [1], ["z"])])
        #expect(strings == Tensor(unchecked: [2], ["a", "z"]))
        let ints = try run("Where", opset: 9, [bools([1, 2], [false, true]), Tensor(unchecked: [2, 1], [1, 2] as [Int64]), Tensor(unchecked: [2, 2], [5, 6, 7, 8] as [Int64])])
        #expect(ints == Tensor(unchecked: [2, 2], [5, 1, 7, 2] as [Int64]))
    }

    @Test func whereRejectsBadInputs() {
        #expect(throws: OpError.self) { try run("Where", [floats([1], [1]), floats([1], [1]), floats([1], [1])]) }
        #expect(throws: OpError.self) { try run("Where", [bools([1], [true]), floats([1], [1]), Tensor(unchecked: [1], [1] as [Int32])]) }
        #expect(throws: OpError.self) { try run("Where", [bools([2], [true, false]), floats([3], [1, 2, 3]), floats([1], [0])]) }
    }

    @Test func isNaNAndIsInfClassifyFloats() throws {
        let x = floats([4], [1, -.infinity, .infinity, .nan])
        #expect(try run("IsNaN", [x]) == bools([4], [false, false, false, true]))
        #expect(try run("IsInf", [x]) == bools([4], [false, true, true, false]))
        #expect(try run("IsInf", [x], ["detect_negative": .int(0)]) == bools([4], [false, false, true, false]))
        #expect(try run("IsInf", [x], ["detect_positive": .int(0)]) == bools([4], [false, true, false, false]))
        #expect(try run("IsNaN", [x.cast(to: .float16)]) == bools([4], [false, false, false, true]))
        #expect(try run("IsInf", [x.cast(to: .float64)]) == bools([4], [false, true, true, false]))
        #expect(throws: OpError.self) { try run("IsNaN", [Tensor(unchecked: [1], [1] as [Int32])]) }
    }
}
