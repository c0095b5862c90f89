import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileEngine

// Expected values are hand-computed or were produced by onnxruntime 1.23 / numpy on the same
// inputs and pasted in as literals.

private let int64Max = Int64.max
private let int64Min = Int64.min

private func tensor<T: TensorElement>(_ shape: [Int], _ values: [T]) -> Tensor {
    Tensor(unchecked: shape, values)
}

private func ints(_ values: [Int64]) -> Tensor {
    Tensor(unchecked: [values.count], values)
}

private func floats(_ shape: [Int], _ values: [Float]) -> Tensor {
    Tensor(unchecked: shape, values)
}

/// 0, 1, 2, ... as float32 in the given shape.
private func iota(_ shape: [Int]) -> Tensor {
    floats(shape, (0..<Shape.count(shape)).map { Float($0) })
}

private func run(
    _ op: String, opset: Int = 17, _ inputs: [Tensor?], _ attributes: [String: Attribute] = [:], outputs: Int = 1
) throws -> [Tensor] {
    try OpHarness.outputs(op, opset: opset, inputs, attributes, outputs: outputs)
}

private func run1(
    _ op: String, opset: Int = 17, _ inputs: [Tensor?], _ attributes: [String: Attribute] = [:]
) throws -> Tensor {
    let outputs = try run(op, opset: opset, inputs, attributes)
    guard let first = outputs.first else { throw OpError("no output") }
    return first
}

/// The base address of a tensor's float storage, to tell a shared buffer from a copy.
private func address(_ tensor: Tensor) -> UnsafeRawPointer? {
    tensor.elements(Float.self)?.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
}


@Suite struct TensorOpsTests {
    // MARK: - Identity, Constant, ConstantOfShape

    @Test func identityPassesTensorsAndSequencesThroughWithoutCopying() throws {
        let x = iota([2, 3])
        let y = try run1("Identity", opset: 1, [x])
        #expect(y == x)
        #expect(address(y) == address(x))
        let sequence = Value.sequence([.tensor(x), .tensor(iota([1]))])
        let out = try OpRegistry.standard.runNode("Identity", opset: 16, inputs: [sequence])
        guard case .sequence(let items) = out.first else {
            Issue.record("expected a sequence, got \(out)")
            return
        }
        #expect(items.count == 2)
        #expect(items.first?.tensor == x)
    }

    @Test func constantReadsEveryAttributeForm() throws {
        let value = tensor([2], [Int32(4), 5])
        #expect(try run1("Constant", opset: 1, [], ["value": .tensor(value)]) == value)
        #expect(try run1("Constant", opset: 12, [], ["value_float": .float(1.5)]) == Tensor(scalar: Float(1.5)))
        #expect(try run1("Constant", opset: 12, [], ["value_floats": .floats([1, 2])]) == floats([2], [1, 2]))
        #expect(try run1("Constant", opset: 13, [], ["value_int": .int(-3)]) == Tensor(scalar: Int64(-3)))
        #expect(try run1("Constant", opset: 13, [], ["value_ints": .ints([7, 8, 9])]) == ints([7, 8, 9]))
        #expect(try run1("Constant", opset: 19, [], ["value_string": .string("hi")]) == Tensor(scalar: "hi"))
        #expect(try run1("Constant", opset: 21, [], ["value_strings": .strings(["a", "b"])]) == tensor([2], ["a", "b"]))
    }

    @Test func constantRefusesSparseValuesAndAmbiguousAttributes() {
        #expect(throws: OpError.self) {
            try run1("Constant", opset: 13, [], ["sparse_value": .tensor(iota([2]))])
        }
        #expect(throws: OpError.self) { try run1("Constant", opset: 13, [], [:]) }
        #expect(throws: OpError.self) {
            try run1("Constant", opset: 13, [], ["value_int": .int(1), "value_float": .float(1)])
        }
    }

    @Test func constantOfShapeFillsWithTheValueAttribute() throws {
        #expect(try run1("ConstantOfShape", opset: 9, [ints([2, 3])]) == Tensor.zeros(.float32, shape: [2, 3]))
        let filled = try run1("ConstantOfShape", opset: 20, [ints([3])], ["value": .tensor(tensor([1], [Int32(7)]))])
        #expect(filled == tensor([3], [Int32(7), 7, 7]))
        let scalar = try run1("ConstantOfShape", opset: 21, [ints([])], ["value": .tensor(tensor([1], ["s"]))])
        #expect(scalar == Tensor(scalar: "s"))
        #expect(try run1("ConstantOfShape", [ints([2, 0])]).shape == [2, 0])
        #expect(throws: OpError.self) { try run1("ConstantOfShape", [ints([2, -1])]) }
        #expect(throws: OpError.self) { try run1("ConstantOfShape", [ints([1 << 40, 1 << 40])]) }
        #expect(throws: OpError.self) { try run1("ConstantOfShape", [ints([2])], ["value": .tensor(iota([2]))]) }
    }

    // MARK: - Cast, CastLike

    @Test func castConvertsBetweenTypes() throws {
        let x = floats([4], [1.5, -3.7, 0, 300])
        #expect(try run1("Cast", opset: 13, [x], ["to": .int(6)]) == tensor([4], [Int32(1), -3, 0, 300]))
        #expect(try run1("Cast", opset: 19, [x], ["to": .int(9), "saturate": .int(0)]) == tensor([4], [true, true, false, true]))
        let strings = tensor([3], ["1.5", " 2", "-inf"])
        #expect(try run1("Cast", opset: 13, [strings], ["to": .int(1)]) == floats([3], [1.5, 2, -.infinity]))
        #expect(try run1("Cast", opset: 1, [x], ["to": .string("INT64")]) == ints([1, -3, 0, 300]))
        #expect(try run1("Cast", opset: 1, [x], ["to": .string("DOUBLE")]).dtype == .float64)
    }

    @Test func castRefusesUnsupportedTargets() {
        #expect(throws: OpError.self) { try run1("Cast", opset: 13, [iota([2])], ["to": .int(16)]) }
        #expect(throws: OpError.self) { try run1("Cast", opset: 13, [iota([2])], ["to": .int(99)]) }
        #expect(throws: OpError.self) { try run1("Cast", opset: 1, [iota([2])], ["to": .string("BFLOAT16")]) }
        #expect(throws: OpError.self) { try run1("Cast", opset: 13, [iota([2])], [:]) }
        #expect(throws: OpError.self) { try run1("Cast", opset: 13, [tensor([1], ["x"])], ["to": .int(1)]) }
    }

    @Test func castLikeTakesTheTypeOfItsSecondInput() throws {
        let y = try run1("CastLike", opset: 15, [floats([2], [2.9, 7]), tensor([1], [UInt8(0)])])
        #expect(y == tensor([2], [UInt8(2), 7]))
    }

    // MARK: - Reshape, Flatten, Squeeze, Unsqueeze

    @Test func reshapeCopiesZerosInfersMinusOneAndSharesStorage() throws {
        let x = iota([2, 3, 4])
        let y = try run1("Reshape", opset: 13, [x, ints([0, -1])])
        #expect(y.shape == [2, 12])
        #expect(address(y) == address(x))
        #expect(try run1("Reshape", opset: 5, [x, ints([4, 0, -1])]).shape == [4, 3, 2])
        #expect(try run1("Reshape", opset: 1, [x], ["shape": .ints([-1])]).shape == [24])
        #expect(try run1("Reshape", opset: 14, [iota([0, 3]), ints([3, 0])], ["allowzero": .int(1)]).shape == [3, 0])
        // Without allowzero the 0 copies the input's first dimension.
        #expect(try run1("Reshape", opset: 14, [iota([0, 3]), ints([-1, 0])]).shape == [0, 3])
        #expect(try run1("Reshape", opset: 14, [iota([0, 3]), ints([3, -1])]).shape == [3, 0])
    }

    @Test func reshapeRejectsImpossibleShapes() {
        let x = iota([2, 3])
        #expect(throws: OpError.self) { try run1("Reshape", opset: 13, [x, ints([4, -1])]) }
        #expect(throws: OpError.self) { try run1("Reshape", opset: 13, [x, ints([-1, -1])]) }
        #expect(throws: OpError.self) { try run1("Reshape", opset: 13, [x, ints([7])]) }
        #expect(throws: OpError.self) { try run1("Reshape", opset: 13, [x, ints([2, -2, 3])]) }
        #expect(throws: OpError.self) { try run1("Reshape", opset: 13, [x, ints([6, 1, 0])]) }
        #expect(throws: OpError.self) { try run1("Reshape", opset: 14, [x, ints([0, -1])], ["allowzero": .int(1)]) }
        #expect(throws: OpError.self) { try run1("Reshape", opset: 13, [x, floats([1], [6])]) }
        #expect(throws: OpError.self) { try run1("Reshape", opset: 13, [x, ints([int64Max, int64Max, 0])]) }
    }

    @Test func flattenSplitsTheShapeAtTheAxis() throws {
        let x = iota([2, 3, 4])
        let y = try run1("Flatten", opset: 13, [x])
        #expect(y.shape == [2, 12])
        #expect(address(y) == address(x))
        #expect(try run1("Flatten", opset: 9, [x], ["axis": .int(0)]).shape == [1, 24])
        #expect(try run1("Flatten", opset: 11, [x], ["axis": .int(3)]).shape == [24, 1])
        #expect(try run1("Flatten", opset: 11, [x], ["axis": .int(-1)]).shape == [6, 4])
        #expect(throws: OpError.self) { try run1("Flatten", opset: 11, [x], ["axis": .int(4)]) }
        #expect(throws: OpError.self) { try run1("Flatten", opset: 11, [x], ["axis": .int(-4)]) }
    }

    @Test func squeezeRemovesSizeOneAxes() throws {
        let x = iota([1, 3, 1, 2])
        let all = try run1("Squeeze", opset: 13, [x])
        #expect(all.shape == [3, 2])
        #expect(address(all) == address(x))
        #expect(try run1("Squeeze", opset: 1, [x], ["axes": .ints([2])]).shape == [1, 3, 2])
        #expect(try run1("Squeeze", opset: 11, [x], ["axes": .ints([-2, 0])]).shape == [3, 2])
        #expect(try run1("Squeeze", opset: 13, [x, ints([-4])]).shape == [3, 1, 2])
        #expect(try run1("Squeeze", opset: 21, [iota([1, 1])]).shape == [])
        #expect(try run1("Squeeze", opset: 13, [x, ints([])]).shape == [3, 2])
        #expect(throws: OpError.self) { try run1("Squeeze", opset: 13, [x, ints([1])]) }
        #expect(throws: OpError.self) { try run1("Squeeze", opset: 13, [x, ints([4])]) }
        #expect(throws: OpError.self) { try run1("Squeeze", opset: 13, [x, ints([0, 0])]) }
    }

    @Test func unsqueezeInsertsAxesAtOutputPositions() throws {
        let x = iota([3, 2])
        let y = try run1("Unsqueeze", opset: 13, [x, ints([0, 3])])
        #expect(y.shape == [1, 3, 2, 1])
        #expect(address(y) == address(x))
        #expect(try run1("Unsqueeze", opset: 1, [x], ["axes": .ints([1])]).shape == [3, 1, 2])
        #expect(try run1("Unsqueeze", opset: 11, [x], ["axes": .ints([-1, 0])]).shape == [1, 3, 2, 1])
        #expect(try run1("Unsqueeze", opset: 13, [Tensor(scalar: Float(1)), ints([0])]).shape == [1])
        #expect(throws: OpError.self) { try run1("Unsqueeze", opset: 13, [x, ints([4])]) }
        #expect(throws: OpError.self) { try run1("Unsqueeze", opset: 13, [x, ints([1, -3])]) }
        #expect(throws: OpError.self) { try run1("Unsqueeze", opset: 11, [x], [:]) }
    }

    // MARK: - Concat, Split

    @Test func concatJoinsAlongAnyAxis() throws {
        let a = tensor([2, 2], ["a", "b", "c", "d"])
        let b = tensor([2, 1], ["x", "y"])
        #expect(try run1("Concat", opset: 13, [a, b], ["axis": .int(-1)]) == tensor([2, 3], ["a", "b", "x", "c", "d", "y"]))
        let c = tensor([1, 2], [Int16(5), 6])
        let d = tensor([2, 2], [Int16(1), 2, 3, 4])
        #expect(try run1("Concat", opset: 4, [d, c], ["axis": .int(0)]) == tensor([3, 2], [Int16(1), 2, 3, 4, 5, 6]))
        // Opset 1 defaults to axis 1.
        #expect(try run1("Concat", opset: 1, [d, d]) == tensor([2, 4], [Int16(1), 2, 1, 2, 3, 4, 3, 4]))
    }

    @Test func concatSkipsEmptyInputs() throws {
        let x = iota([2, 3])
        #expect(try run1("Concat", opset: 13, [floats([0], []), x], ["axis": .int(0)]) == x)
        #expect(try run1("Concat", opset: 13, [x, iota([0, 3]), x], ["axis": .int(0)]).shape == [4, 3])
        #expect(try run1("Concat", opset: 13, [iota([2, 0]), iota([2, 0])], ["axis": .int(1)]).shape == [2, 0])
    }

    @Test func concatRejectsMismatchedInputs() {
        #expect(throws: OpError.self) { try run1("Concat", opset: 13, [iota([2, 3]), iota([2, 2])], ["axis": .int(0)]) }
        #expect(throws: OpError.self) { try run1("Concat", opset: 13, [iota([2]), ints([1])], ["axis": .int(0)]) }
        #expect(throws: OpError.self) { try run1("Concat", opset: 13, [iota([2])], ["axis": .int(1)]) }
        #expect(throws: OpError.self) { try run1("Concat", opset: 13, [iota([2])], [:]) }
        #expect(throws: OpError.self) { try run1("Concat", opset: 13, [Tensor(scalar: Float(1))], ["axis": .int(0)]) }
    }

    @Test func splitHonoursEveryWayOfSizingParts() throws {
        let x = iota([2, 7])
        let bySizes = try run("Split", opset: 13, [x, ints([2, 5])], ["axis": .int(1)], outputs: 2)
        #expect(bySizes == [floats([2, 2], [0, 1, 7, 8]), floats([2, 5], [2, 3, 4, 5, 6, 9, 10, 11, 12, 13])])
        let byAttribute = try run("Split", opset: 11, [x], ["axis": .int(-1), "split": .ints([6, 1])], outputs: 2)
        #expect(byAttribute.map(\.shape) == [[2, 6], [2, 1]])
        let legacyInput = try run("Split", opset: 1, [x, ints([3, 4])], ["axis": .int(1)], outputs: 2)
        #expect(legacyInput.map(\.shape) == [[2, 3], [2, 4]])
        let equal = try run("Split", opset: 2, [x], outputs: 2)
        #expect(equal == [iota([1, 7]), floats([1, 7], [7, 8, 9, 10, 11, 12, 13])])
        let uneven = try run("Split", opset: 18, [iota([7])], ["num_outputs": .int(3)], outputs: 3)
        #expect(uneven == [floats([3], [0, 1, 2]), floats([3], [3, 4, 5]), floats([1], [6])])
        let strings = try run("Split", opset: 13, [tensor([3], ["a", "b", "c"])], outputs: 3)
        #expect(strings == [tensor([1], ["a"]), tensor([1], ["b"]), tensor([1], ["c"])])
    }

    @Test func splitRejectsSizesThatDoNotFit() {
        #expect(throws: OpError.self) { try run("Split", opset: 13, [iota([7])], outputs: 2) }
        #expect(throws: OpError.self) { try run("Split", opset: 13, [iota([7]), ints([3, 3])], outputs: 2) }
        #expect(throws: OpError.self) { try run("Split", opset: 13, [iota([7]), ints([8, -1])], outputs: 2) }
        #expect(throws: OpError.self) { try run("Split", opset: 13, [iota([7]), ints([7])], outputs: 2) }
        #expect(throws: OpError.self) { try run("Split", opset: 18, [iota([6])], ["num_outputs": .int(4)], outputs: 4) }
        #expect(throws: OpError.self) { try run("Split", opset: 18, [iota([6])], ["num_outputs": .int(3)], outputs: 2) }
        #expect(throws: OpError.self) { try run("Split", opset: 13, [iota([6])], ["axis": .int(1)], outputs: 2) }
    }

    // MARK: - Slice

    @Test func sliceClampsStartsAndEndsAsTheSpecSays() throws {
        let x = iota([3, 4, 5])
        func slice(_ starts: [Int64], _ ends: [Int64], _ axes: [Int64], _ steps: [Int64]?) throws -> Tensor {
            try run1("Slice", opset: 13, [x, ints(starts), ints(ends), ints(axes)] + (steps.map { [ints($0)] } ?? []))
        }
        let a = try slice([0, 1], [int64Max, -1], [0, 2], [1, 2])
        #expect(a == floats([3, 4, 2], [1, 3, 6, 8, 11, 13, 16, 18, 21, 23, 26, 28, 31, 33, 36, 38, 41, 43, 46, 48, 51, 53, 56, 58]))
        let b = try slice([-1], [int64Min], [1], [-1])
        #expect(b.shape == [3, 4, 5])
        #expect(b.elements(Float.self)?.prefix(10) == [15, 16, 17, 18, 19, 10, 11, 12, 13, 14])
        let c = try slice([int64Max, 4], [int64Min, -100], [0, 2], [-1, -2])
        #expect(c == floats([3, 4, 3], [
            44, 42, 40, 49, 47, 45, 54, 52, 50, 59, 57, 55, 24, 22, 20, 29, 27, 25, 34, 32, 30, 39, 37, 35,
            4, 2, 0, 9, 7, 5, 14, 12, 10, 19, 17, 15,
        ]))
        let d = try slice([10], [-10], [-1], [-3])
        #expect(d == floats([3, 4, 2], [4, 1, 9, 6, 14, 11, 19, 16, 24, 21, 29, 26, 34, 31, 39, 36, 44, 41, 49, 46, 54, 51, 59, 56]))
        #expect(try slice([1], [1], [2], nil).shape == [3, 4, 0])
        #expect(try run1("Slice", opset: 13, [iota([5]), ints([-7]), ints([-10]), ints([0]), ints([-1])]) == floats([1], [0]))
        #expect(try slice([0, 0, 0], [3, 4, 5], [2, 1, 0], [2, 3, 4]) == floats([1, 2, 2], [0, 2, 15, 17]))
        #expect(try slice([-2], [int64Max], [-2], [int64Max]) == floats([3, 1, 5], [10, 11, 12, 13, 14, 30, 31, 32, 33, 34, 50, 51, 52, 53, 54]))
        #expect(try slice([int64Max], [int64Min], [-1], [int64Min]) == floats([3, 4, 1], [4, 9, 14, 19, 24, 29, 34, 39, 44, 49, 54, 59]))
    }

    @Test func sliceReadsAnIntMaxEndWithANegativeStepAsThroughTheStart() throws {
        // onnxruntime's reading (numpy's `None`); the spec's clamping alone would give [].
        let x = floats([5], [2, 12, -19, -42, 17])
        #expect(try run1("Slice", opset: 13, [x, ints([7]), ints([int64Max]), ints([0]), ints([-2])]) == floats([3], [17, -19, 2]))
        let int32Max = Int64(Int32.max)
        #expect(try run1("Slice", opset: 13, [x, ints([-2]), ints([int32Max]), ints([0]), ints([-1])]) == floats([4], [-42, -19, 12, 2]))
        #expect(try run1("Slice", opset: 13, [x, ints([0]), ints([int64Max]), ints([0]), ints([int64Min])]) == floats([1], [2]))
    }

    @Test func sliceReadsAttributesBeforeOpset10AndOptionalInputsAfter() throws {
        let x = tensor([2, 4], [true, false, true, true, false, false, true, false])
        let legacy = try run1("Slice", opset: 1, [x], ["starts": .ints([0, 1]), "ends": .ints([-1, 1000])])
        #expect(legacy == tensor([1, 3], [false, true, true]))
        let noAxes = try run1("Slice", opset: 10, [x, ints([1]), ints([2])])
        #expect(noAxes == tensor([1, 4], [false, false, true, false]))
        let skippedAxes = try run1("Slice", opset: 11, [x, ints([3]), ints([0]), nil, ints([-2])])
        #expect(skippedAxes == tensor([1, 4], [false, false, true, false]))
        let whole = iota([2, 3])
        #expect(address(try run1("Slice", opset: 13, [whole, ints([0]), ints([int64Max])])) == address(whole))
    }

    @Test func sliceRejectsBadParameters() {
        let x = iota([3, 4])
        #expect(throws: OpError.self) { try run1("Slice", opset: 13, [x, ints([0]), ints([1]), ints([0]), ints([0])]) }
        #expect(throws: OpError.self) { try run1("Slice", opset: 13, [x, ints([0, 0]), ints([1])]) }
        #expect(throws: OpError.self) { try run1("Slice", opset: 13, [x, ints([0]), ints([1]), ints([2])]) }
        #expect(throws: OpError.self) { try run1("Slice", opset: 13, [x, ints([0, 0]), ints([1, 1]), ints([1, -1])]) }
        #expect(throws: OpError.self) { try run1("Slice", opset: 13, [x, ints([0]), ints([1]), ints([0]), ints([1, 1])]) }
        #expect(throws: OpError.self) { try run1("Slice", opset: 9, [x], ["starts": .ints([0])]) }
    }

    @Test func sliceMatchesAReferenceOnRandomParameters() throws {
        var rng = SeededGenerator(state: 42)
        for _ in 0..<200 {
            let rank = Int.random(in: 1...4, using: &rng)
            let shape = (0..<rank).map { _ in Int.random(in: 0...5, using: &rng) }
            let x = iota(shape)
            let axes = Array((0..<rank).shuffled(using: &rng).prefix(Int.random(in: 1...rank, using: &rng)))
            let bound = 7
            let starts = axes.map { _ in Int.random(in: -bound...bound, using: &rng) }
            let ends = axes.map { _ in Int.random(in: -bound...bound, using: &rng) }
            let steps = axes.map { _ in [-3, -2, -1, 1, 2, 3].randomElement(using: &rng) ?? 1 }
            let y = try run1("Slice", opset: 13, [
                x, ints(starts.map(Int64.init)), ints(ends.map(Int64.init)), ints(axes.map(Int64.init)),
                ints(steps.map(Int64.init)),
            ])
            // Reference: enumerate each axis's clamped range independently.
            var picks = shape.map { Array(0..<$0) }
            for (i, axis) in axes.enumerated() {
                picks[axis] = referenceSlice(size: shape[axis], start: starts[i], end: ends[i], step: steps[i])
            }
            var expected: [Float] = []
            let strides = Shape.strides(shape)
            func visit(_ d: Int, _ offset: Int) {
                if d == rank {
                    expected.append(Float(offset))
                    return
                }
                for p in picks[d] { visit(d + 1, offset + p * strides[d]) }
            }
            visit(0, 0)
            #expect(y.shape == picks.map(\.count))
            #expect(y.elements(Float.self) == expected)
        }
    }

    // MARK: - Gather family

    @Test func gatherPicksSlicesWithNegativeIndices() throws {
        let x = iota([2, 3, 4])
        let y = try run1("Gather", opset: 13, [x, tensor([1, 2], [Int64(2), -3])], ["axis": .int(1)])
        #expect(y == floats([2, 1, 2, 4], [8, 9, 10, 11, 0, 1, 2, 3, 20, 21, 22, 23, 12, 13, 14, 15]))
        let last = try run1("Gather", opset: 11, [x, Tensor(scalar: Int32(-1))], ["axis": .int(-1)])
        #expect(last == floats([2, 3], [3, 7, 11, 15, 19, 23]))
        let words = try run1("Gather", opset: 1, [tensor([3], ["a", "b", "c"]), tensor([4], [Int32(2), 0, 0, 1])])
        #expect(words == tensor([4], ["c", "a", "a", "b"]))
        #expect(try run1("Gather", [x, ints([])]).shape == [0, 3, 4])
    }

    @Test func gatherRejectsOutOfRangeIndices() {
        let x = iota([5])
        #expect(throws: OpError.self) { try run1("Gather", [x, ints([7])]) }
        #expect(throws: OpError.self) { try run1("Gather", [x, ints([-6])]) }
        #expect(throws: OpError.self) { try run1("Gather", [x, ints([0])], ["axis": .int(1)]) }
        #expect(throws: OpError.self) { try run1("Gather", [x, floats([1], [0])]) }
        #expect(throws: OpError.self) { try run1("Gather", [Tensor(scalar: Float(1)), ints([0])]) }
        #expect(throws: OpError.self) { try run1("Gather", [iota([0]), ints([0])]) }
    }

    @Test func gatherElementsIndexesAlongTheAxis() throws {
        let x = iota([2, 3, 4])
        let indices = tensor([2, 2, 2], [Int64(3), 0, -1, 1, 0, 0, 2, 2])
        let y = try run1("GatherElements", opset: 13, [x, indices], ["axis": .int(2)])
        #expect(y == floats([2, 2, 2], [3, 0, 7, 5, 12, 12, 18, 18]))
        let z = try run1("GatherElements", opset: 11, [iota([2, 3]), tensor([2, 1], [Int32(2), 0])], ["axis": .int(1)])
        #expect(z == floats([2, 1], [2, 3]))
        #expect(throws: OpError.self) { try run1("GatherElements", [iota([2, 3]), tensor([1, 1], [Int64(3)])], ["axis": .int(1)]) }
        #expect(throws: OpError.self) { try run1("GatherElements", [iota([2, 3]), tensor([3, 1], [Int64(0), 0, 0])], ["axis": .int(1)]) }
        #expect(throws: OpError.self) { try run1("GatherElements", [iota([2, 3]), ints([0])]) }
    }

    @Test func gatherNDGathersSlicesWithBatchDims() throws {
        let x = iota([2, 3, 4])
        let y = try run1("GatherND", opset: 11, [x, tensor([2, 2], [Int64(1), 2, 0, -1])])
        #expect(y == floats([2, 4], [20, 21, 22, 23, 8, 9, 10, 11]))
        let batched = try run1("GatherND", opset: 12, [x, tensor([2, 2, 2], [Int64(2), 3, 0, 1, 1, 1, -1, 0])], ["batch_dims": .int(1)])
        #expect(batched == floats([2, 2], [11, 1, 17, 20]))
        #expect(throws: OpError.self) { try run1("GatherND", [x, tensor([1, 2], [Int64(2), 0])]) }
        #expect(throws: OpError.self) { try run1("GatherND", [x, tensor([1, 4], [Int64(0), 0, 0, 0])]) }
        #expect(throws: OpError.self) { try run1("GatherND", [x, tensor([3, 1], [Int64(0), 0, 0])], ["batch_dims": .int(1)]) }
    }

    // MARK: - Shape, Size

    @Test func shapeAndSizeDescribeTheInput() throws {
        let x = iota([2, 3, 4])
        #expect(try run1("Shape", opset: 1, [x]) == ints([2, 3, 4]))
        #expect(try run1("Shape", opset: 15, [x], ["start": .int(-2), "end": .int(100)]) == ints([3, 4]))
        #expect(try run1("Shape", opset: 15, [x], ["start": .int(2), "end": .int(1)]) == ints([]))
        #expect(try run1("Shape", opset: 19, [x], ["end": .int(-1)]) == ints([2, 3]))
        #expect(try run1("Shape", opset: 13, [Tensor(scalar: "s")]) == ints([]))
        #expect(try run1("Size", opset: 1, [x]) == Tensor(scalar: Int64(24)))
        #expect(try run1("Size", opset: 21, [iota([3, 0])]) == Tensor(scalar: Int64(0)))
    }

    // MARK: - Transpose, Expand, Tile

    @Test func transposePermutesAxes() throws {
        let x = tensor([2, 3, 4], (0..<24).map { Int8($0) })
        let y = try run1("Transpose", opset: 13, [x], ["perm": .ints([1, 2, 0])])
        #expect(y == tensor([3, 4, 2], [Int8(0), 12, 1, 13, 2, 14, 3, 15, 4, 16, 5, 17, 6, 18, 7, 19, 8, 20, 9, 21, 10, 22, 11, 23]))
        let reversed = try run1("Transpose", opset: 1, [tensor([2, 2], ["a", "b", "c", "d"])])
        #expect(reversed == tensor([2, 2], ["a", "c", "b", "d"]))
        #expect(throws: OpError.self) { try run1("Transpose", [x], ["perm": .ints([0, 1])]) }
        #expect(throws: OpError.self) { try run1("Transpose", [x], ["perm": .ints([0, 1, 1])]) }
    }

    @Test func transposeMatchesAReferenceOnRandomShapes() throws {
        var rng = SeededGenerator(state: 7)
        // Small random cases, then shapes larger than the 32-element tiles of the 2-D path.
        var cases: [(shape: [Int], perm: [Int])] = [([70, 40], [1, 0]), ([2, 33, 35, 3], [0, 3, 1, 2]), ([3, 40, 50], [0, 2, 1])]
        for _ in 0..<100 {
            let rank = Int.random(in: 1...5, using: &rng)
            cases.append(((0..<rank).map { _ in Int.random(in: 1...4, using: &rng) }, Array(0..<rank).shuffled(using: &rng)))
        }
        for (shape, perm) in cases {
            let x = iota(shape)
            let y = try run1("Transpose", opset: 21, [x], ["perm": .ints(perm)])
            let outShape = perm.map { shape[$0] }
            let inStrides = Shape.strides(shape)
            var expected: [Float] = []
            for flat in 0..<Shape.count(outShape) {
                var rest = flat
                var offset = 0
                for (d, size) in outShape.enumerated().reversed() {
                    offset += (rest % size) * inStrides[perm[d]]
                    rest /= size
                }
                expected.append(Float(offset))
            }
            #expect(y == floats(outShape, expected))
            // 64-bit elements take the scalar path rather than the 32-bit SIMD one.
            let wide = try run1("Transpose", opset: 21, [try x.cast(to: .float64)], ["perm": .ints(perm)])
            #expect(wide == (try floats(outShape, expected).cast(to: .float64)))
        }
    }

    @Test func expandBroadcastsBothWays() throws {
        let x = tensor([2, 1], [Int64(1), 2])
        #expect(try run1("Expand", opset: 13, [x, ints([2, 1, 3])]) == tensor([2, 2, 3], [Int64(1), 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2]))
        #expect(try run1("Expand", opset: 8, [x, ints([1])]) == x)
        #expect(try run1("Expand", opset: 8, [tensor([1], ["z"]), ints([3])]) == tensor([3], ["z", "z", "z"]))
        #expect(throws: OpError.self) { try run1("Expand", [x, ints([3, 3])]) }
        #expect(throws: OpError.self) { try run1("Expand", [x, ints([-1])]) }
    }

    @Test func tileRepeatsAlongEachAxis() throws {
        let x = tensor([2, 2], [Int32(1), 2, 3, 4])
        let y = try run1("Tile", opset: 13, [x, ints([2, 3])])
        #expect(y == tensor([4, 6], [Int32(1), 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]))
        let legacy = try run1("Tile", opset: 1, [x, Tensor(scalar: Int64(2)), Tensor(scalar: Int64(1))])
        #expect(legacy == tensor([2, 4], [Int32(1), 2, 1, 2, 3, 4, 3, 4]))
        #expect(try run1("Tile", opset: 6, [x, ints([0, 1])]).shape == [0, 2])
        #expect(throws: OpError.self) { try run1("Tile", [x, ints([2])]) }
        #expect(throws: OpError.self) { try run1("Tile", [x, ints([2, -1])]) }
    }

    // MARK: - Range, OneHot, NonZero

    @Test func rangeAccumulatesLikeOnnxruntime() throws {
        let f = try run1("Range", opset: 11, [Tensor(scalar: Float(0)), Tensor(scalar: Float(1)), Tensor(scalar: Float(0.1))])
        #expect(f == floats([10], [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.70000005, 0.8000001, 0.9000001]))
        let d = try run1("Range", opset: 11, [Tensor(scalar: 1.5), Tensor(scalar: -1.2), Tensor(scalar: -0.7)])
        #expect(d == tensor([4], [1.5, 0.8, 0.10000000000000009, -0.5999999999999999]))
        #expect(try run1("Range", opset: 11, [Tensor(scalar: Int64(-7)), Tensor(scalar: Int64(8)), Tensor(scalar: Int64(5))]) == ints([-7, -2, 3]))
        let down = try run1("Range", opset: 11, [Tensor(scalar: Int32(10)), Tensor(scalar: Int32(0)), Tensor(scalar: Int32(-3))])
        #expect(down == tensor([4], [Int32(10), 7, 4, 1]))
        #expect(try run1("Range", opset: 11, [Tensor(scalar: Int16(5)), Tensor(scalar: Int16(5)), Tensor(scalar: Int16(1))]).shape == [0])
    }

    @Test func rangeRejectsDegenerateInputs() {
        #expect(throws: OpError.self) { try run1("Range", [Tensor(scalar: Int64(0)), Tensor(scalar: Int64(5)), Tensor(scalar: Int64(0))]) }
        #expect(throws: OpError.self) { try run1("Range", [Tensor(scalar: Float(0)), Tensor(scalar: Float.infinity), Tensor(scalar: Float(1))]) }
        #expect(throws: OpError.self) { try run1("Range", [Tensor(scalar: Float(0)), Tensor(scalar: Float.nan), Tensor(scalar: Float(1))]) }
        #expect(throws: OpError.self) { try run1("Range", [Tensor(scalar: int64Min), Tensor(scalar: int64Max), Tensor(scalar: Int64(1))]) }
        #expect(throws: OpError.self) { try run1("Range", [Tensor(scalar: Int64(0)), Tensor(scalar: Int32(5)), Tensor(scalar: Int64(1))]) }
        #expect(throws: OpError.self) { try run1("Range", [Tensor(scalar: true), Tensor(scalar: true), Tensor(scalar: true)]) }
        #expect(throws: OpError.self) { try run1("Range", [ints([0, 1]), Tensor(scalar: Int64(5)), Tensor(scalar: Int64(1))]) }
    }

    @Test func oneHotPlacesOnValuesAlongTheAxis() throws {
        let indices = tensor([2, 2], [Int64(0), -1, 5, 2])
        let y = try run1("OneHot", opset: 11, [indices, ints([3]), floats([2], [-2, 7])], ["axis": .int(0)])
        #expect(y == floats([3, 2, 2], [7, -2, -2, -2, -2, -2, -2, -2, -2, 7, -2, 7]))
        let floatIndices = floats([3], [-1, 5, 1.7])
        let z = try run1("OneHot", opset: 11, [floatIndices, Tensor(scalar: Float(3.5)), floats([2], [0, 1])])
        #expect(z == floats([3, 3], [0, 0, 1, 0, 0, 0, 0, 0, 0]))
        let words = try run1("OneHot", opset: 9, [tensor([2], [Int32(1), 0]), Tensor(scalar: Int64(2)), tensor([2], ["off", "on"])])
        #expect(words == tensor([2, 2], ["off", "on", "on", "off"]))
        #expect(throws: OpError.self) { try run1("OneHot", [ints([1]), Tensor(scalar: Int64(0)), floats([2], [0, 1])]) }
        #expect(throws: OpError.self) { try run1("OneHot", [ints([1]), Tensor(scalar: Int64(2)), floats([3], [0, 1, 2])]) }
        #expect(throws: OpError.self) { try run1("OneHot", [ints([1]), Tensor(scalar: Int64(2)), floats([2], [0, 1])], ["axis": .int(2)]) }
    }

    @Test func nonZeroListsCoordinatesOfNonZeroElements() throws {
        let x = floats([2, 3], [0, 1.5, 0, -2, -0.0, .nan])
        #expect(try run1("NonZero", opset: 13, [x]) == tensor([2, 3], [Int64(0), 1, 1, 1, 0, 2]))
        #expect(try run1("NonZero", opset: 9, [Tensor(scalar: Float(3))]) == tensor([1, 1], [Int64(0)]))
        #expect(try run1("NonZero", opset: 9, [Tensor(scalar: Float(0))]).shape == [1, 0])
        #expect(try run1("NonZero", [tensor([3], ["", "a", ""])]) == tensor([1, 1], [Int64(1)]))
        #expect(try run1("NonZero", [tensor([2, 2], [true, false, false, true])]) == tensor([2, 2], [Int64(0), 1, 0, 1]))
    }

    // MARK: - Dropout

    @Test func dropoutIsTheIdentityAtInference() throws {
        let x = iota([2, 2])
        let outputs = try run("Dropout", opset: 13, [x, Tensor(scalar: Float(0.3))], outputs: 2)
        #expect(outputs == [x, tensor([2, 2], [true, true, true, true])])
        #expect(address(outputs[0]) == address(x))
        let legacy = try run("Dropout", opset: 7, [x], ["ratio": .float(0.5)], outputs: 2)
        #expect(legacy == [x, floats([2, 2], [1, 1, 1, 1])])
        #expect(try run("Dropout", opset: 6, [x], ["is_test": .int(1)]) == [x])
        let noTraining = try run("Dropout", opset: 12, [x, Tensor(scalar: Float(0.5)), Tensor(scalar: false)])
        #expect(noTraining == [x])
        let zeroRatio = try run("Dropout", opset: 22, [x, Tensor(scalar: Float(0)), Tensor(scalar: true)], outputs: 2)
        #expect(zeroRatio == [x, tensor([2, 2], [true, true, true, true])])
    }

    @Test func dropoutRefusesTrainingMode() {
        let x = iota([2, 2])
        #expect(throws: OpError.self) { try run("Dropout", opset: 13, [x, Tensor(scalar: Float(0.5)), Tensor(scalar: true)]) }
        #expect(throws: OpError.self) { try run("Dropout", opset: 13, [x, nil, Tensor(scalar: true)]) }
    }

    // MARK: - Scatter, Trilu

    @Test func scatterElementsWritesOrReducesAtIndexedPositions() throws {
        let ones = floats([3, 3], [Float](repeating: 1, count: 9))
        let indices = tensor([2, 3], [Int64(1), 0, 2, 1, -3, 2])
        let updates = floats([2, 3], [1, 2, 3, 4, 5, 6])
        let added = try run1("ScatterElements", opset: 16, [ones, indices, updates], ["reduction": .string("add")])
        #expect(added == floats([3, 3], [1, 8, 1, 6, 1, 1, 1, 1, 10]))
        let zeros = floats([3, 3], [Float](repeating: 0, count: 9))
        let written = try run1("ScatterElements", opset: 11, [zeros, tensor([1, 2], [Int32(2), 0]), floats([1, 2], [7, 8])], ["axis": .int(1)])
        #expect(written == floats([3, 3], [8, 0, 7, 0, 0, 0, 0, 0, 0]))
        let legacy = try run1("Scatter", opset: 9, [tensor([3], ["a", "b", "c"]), ints([2]), tensor([1], ["z"])])
        #expect(legacy == tensor([3], ["a", "b", "z"]))
        let smallest = try run1("ScatterElements", opset: 18, [tensor([2], [Int8(5), 5]), ints([0, 0]), tensor([2], [Int8(7), 3])], ["reduction": .string("min")])
        #expect(smallest == tensor([2], [Int8(3), 5]))
        let wrapped = try run1("ScatterElements", opset: 16, [tensor([1], [UInt8(200)]), ints([0]), tensor([1], [UInt8(100)])], ["reduction": .string("add")])
        #expect(wrapped == tensor([1], [UInt8(44)]))
    }

    @Test func scatterElementsRejectsBadInputs() {
        let data = iota([3])
        #expect(throws: OpError.self) { try run1("ScatterElements", [data, ints([3]), floats([1], [1])]) }
        #expect(throws: OpError.self) { try run1("ScatterElements", [data, ints([0, 1]), floats([1], [1])]) }
        #expect(throws: OpError.self) { try run1("ScatterElements", [data, ints([0]), ints([1])]) }
        #expect(throws: OpError.self) { try run1("ScatterElements", opset: 16, [data, ints([0]), floats([1], [1])], ["reduction": .string("max")]) }
        #expect(throws: OpError.self) {
            try run1("ScatterElements", opset: 16, [tensor([1], ["a"]), ints([0]), tensor([1], ["b"])], ["reduction": .string("add")])
        }
    }

    @Test func scatterNDReplacesOrReducesSlices() throws {
        let x = iota([2, 3, 4])
        let updates = floats([2, 4], [-1, -2, -3, -4, -5, -6, -7, -8])
        let y = try run1("ScatterND", opset: 13, [x, tensor([2, 2], [Int64(1), 0, 0, -1]), updates])
        #expect(y == floats([2, 3, 4], [
            0, 1, 2, 3, 4, 5, 6, 7, -5, -6, -7, -8, -1, -2, -3, -4, 16, 17, 18, 19, 20, 21, 22, 23,
        ]))
        let data = ints([1, 2, 3, 4, 5, 6, 7, 8])
        let multiplied = try run1("ScatterND", opset: 16, [data, tensor([3, 1], [Int64(4), 3, 4]), ints([10, 20, 3])], ["reduction": .string("mul")])
        #expect(multiplied == ints([1, 2, 3, 80, 150, 6, 7, 8]))
        let largest = try run1("ScatterND", opset: 18, [data, tensor([3, 1], [Int64(4), 3, 4]), ints([10, 2, 3])], ["reduction": .string("max")])
        #expect(largest == ints([1, 2, 3, 4, 10, 6, 7, 8]))
        #expect(throws: OpError.self) { try run1("ScatterND", [data, tensor([1, 1], [Int64(8)]), ints([1])]) }
        #expect(throws: OpError.self) { try run1("ScatterND", [data, tensor([1, 1], [Int64(0)]), ints([1, 2])]) }
    }

    @Test func triluKeepsTheRequestedTriangle() throws {
        let x = tensor([2, 3, 4], (1...24).map { Int64($0) })
        let lower = try run1("Trilu", opset: 14, [x, Tensor(scalar: Int64(1))], ["upper": .int(0)])
        #expect(lower == tensor([2, 3, 4], [
            Int64(1), 2, 0, 0, 5, 6, 7, 0, 9, 10, 11, 12, 13, 14, 0, 0, 17, 18, 19, 0, 21, 22, 23, 24,
        ]))
        let upper = try run1("Trilu", opset: 14, [tensor([4, 3], (1...12).map { Int64($0) }), Tensor(scalar: Int64(-1))])
        #expect(upper == tensor([4, 3], [Int64(1), 2, 3, 4, 5, 6, 0, 8, 9, 0, 0, 12]))
        let none = try run1("Trilu", opset: 14, [tensor([2, 2], ["a", "b", "c", "d"]), Tensor(scalar: int64Max)])
        #expect(none == tensor([2, 2], ["", "", "", ""]))
        #expect(try run1("Trilu", opset: 14, [iota([2, 2]), Tensor(scalar: int64Min)], ["upper": .int(0)]) == Tensor.zeros(.float32, shape: [2, 2]))
        #expect(throws: OpError.self) { try run1("Trilu", opset: 14, [iota([3])]) }
    }

    // MARK: - Every element type

    @Test func layoutOpsHandleEveryElementType() throws {
        for dtype in DType.allCases {
            let x = try iota([2, 3]).cast(to: dtype)
            let transposed = try run1("Transpose", [x])
            #expect(transposed == (try floats([3, 2], [0, 3, 1, 4, 2, 5]).cast(to: dtype)))
            let sliced = try run1("Slice", [x, ints([1]), ints([3]), ints([1])])
            #expect(sliced == (try floats([2, 2], [1, 2, 4, 5]).cast(to: dtype)))
            let gathered = try run1("Gather", [x, ints([1, 0])])
            #expect(gathered == (try floats([2, 3], [3, 4, 5, 0, 1, 2]).cast(to: dtype)))
            let joined = try run1("Concat", [x, x], ["axis": .int(0)])
            #expect(joined.shape == [4, 3] && joined.dtype == dtype)
            let tiled = try run1("Tile", [x, ints([1, 2])])
            #expect(tiled.shape == [2, 6] && tiled.dtype == dtype)
        }
    }
}

/// The indices a slice visits, clamped as the ONNX spec says (unlike Python, a negative step
/// clamps the start to 0, not -1, so `x[-7:-10:-1]` of 5 elements is `[x[0]]`).
private func referenceSlice(size: Int, start: Int, end: Int, step: Int) -> [Int] {
    func clamp(_ i: Int, _ low: Int, _ high: Int) -> Int { min(max(i, low), high) }
    var s = start < 0 ? start + size : start
    var e = end < 0 ? end + size : end
    if step > 0 {
        s = clamp(s, 0, size)
        e = clamp(e, 0, size)
        return Array(stride(from: s, to: e, by: step))
    }
    s = clamp(s, 0, size - 1)
    e = clamp(e, -1, size - 1)
    return Array(stride(from: s, to: e, by: step))
}
