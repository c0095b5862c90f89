import Foundation
import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileEngine

private func run(
    _ op: String, opset: Int = 17, _ inputs: [Tensor?], _ attributes: [String: Attribute] = [:]
) throws -> Tensor {
    try OpHarness.output(op, opset: opset, inputs, attributes)
}

private func floats(_ shape: [Int], _ values: [Float]) -> Tensor { Tensor(unchecked: shape, values) }



/// The element of `values` (of `shape`) read at output `index` of a broadcast to `target`.
private func broadcastRead<T>(_ values: [T], _ shape: [Int], _ target: [Int], _ index: Int) -> T {
    var rest = index
    var offset = 0
    var step = 1
    for axis in stride(from: target.count - 1, through: 0, by: -1) {
        let coordinate = rest % target[axis]
        rest /= target[axis]
        let own = axis - (target.count - shape.count)
        if own >= 0 {
            if shape[own] != 1 { offset += coordinate * step }
            step *= shape[own]
        }
    }
    return values[offset]
}

@Suite struct MathOpsTests {
    // MARK: - Binary arithmetic

    @Test func addBroadcastsLikeNumpy() throws {
        let a = floats([2, 3], [1, 2, 3, 4, 5, 6])
        let b = floats([3], [10, 20, 30])
        #expect(try run("Add", [a, b]) == floats([2, 3], [11, 22, 33, 14, 25, 36]))
        let column = floats([2, 1], [100, 200])
        #expect(try run("Sub", [a, column]) == floats([2, 3], [-99, -98, -97, -196, -195, -194]))
        #expect(try run("Mul", [floats([], [2]), a]) == floats([2, 3], [2, 4, 6, 8, 10, 12]))
        #expect(try run("Div", [a, floats([1], [2])]) == floats([2, 3], [0.5, 1, 1.5, 2, 2.5, 3]))
    }

    @Test func binaryOpsMatchAReferenceOnRandomBroadcastShapes() throws {
        var rng = SeededGenerator(state: 42)
        let cases: [([Int], [Int])] = [
            ([2, 3, 4, 5], [3, 1, 1]), ([2, 3, 4, 5], [1, 3, 1, 5]), ([4, 1, 6], [1, 5, 1]),
            ([3, 1], [1, 4]), ([2, 1, 3], [2, 4, 3]), ([5], [2, 3, 5]), ([1, 1, 7], [7]), ([2, 3, 4], [2, 3, 4]),
        ]
        let ops: [(String, (Float, Float) -> Float)] = [("Add", { $0 + $1 }), ("Sub", { $0 - $1 }), ("Mul", { $0 * $1 }), ("Div", { $0 / $1 })]
        for (aShape, bShape) in cases {
            let a = (0..<Shape.count(aShape)).map { _ in Float.random(in: -2...2, using: &rng) }
            let b = (0..<Shape.count(bShape)).map { _ in Float.random(in: 0.5...3, using: &rng) }
            let target = try Shape.broadcast(aShape, bShape)
            for (op, reference) in ops {
                let expected = (0..<Shape.count(target)).map {
                    reference(broadcastRead(a, aShape, target, $0), broadcastRead(b, bShape, target, $0))
                }
                #expect(try run(op, [floats(aShape, a), floats(bShape, b)]) == floats(target, expected), "\(op) \(aShape) \(bShape)")
            }
        }
    }

    @Test func integerArithmeticWrapsAndDivisionTruncatesLikeC() throws {
        let a = Tensor(unchecked: [3], [-7, 7, -7] as [Int32])
        let b = Tensor(unchecked: [3], [2, -2, -2] as [Int32])
        #expect(try run("Div", [a, b]) == Tensor(unchecked: [3], [-3, -3, 3] as [Int32]))
        let max = Tensor(unchecked: [2], [127, -128] as [Int8])
        #expect(try run("Add", opset: 14, [max, Tensor(scalar: Int8(1))]) == Tensor(unchecked: [2], [-128, -127] as [Int8]))
        #expect(try run("Mul", opset: 14, [max, Tensor(scalar: Int8(2))]) == Tensor(unchecked: [2], [-2, 0] as [Int8]))
        // Division by zero and min / -1 give values instead of trapping.
        let divisors = Tensor(unchecked: [2], [0, -1] as [Int8])
        #expect(try run("Div", opset: 14, [max, divisors]) == Tensor(unchecked: [2], [0, -128] as [Int8]))
        let unsigned = Tensor(unchecked: [2], [5, 250] as [UInt8])
        #expect(try run("Sub", opset: 14, [unsigned, Tensor(scalar: UInt8(6))]) == Tensor(unchecked: [2], [255, 244] as [UInt8]))
    }

    @Test func addSupportsEveryNumericType() throws {
        let a = Tensor(unchecked: [2], [1, 2] as [Float])
        let b = Tensor(unchecked: [2], [3, 4] as [Float])
        for dtype in DType.allCases where dtype.isNumeric {
            let sum = try run("Add", opset: 14, [a.cast(to: dtype), b.cast(to: dtype)])
            #expect(sum == (try Tensor(unchecked: [2], [4, 6] as [Float]).cast(to: dtype)), "\(dtype)")
        }
    }

    @Test func float16IsComputedInFloatAndRoundedBack() throws {
        let a = Tensor(unchecked: [3], [0.1, 1000, 65504] as [Float16])
        let b = Tensor(unchecked: [3], [0.2, 0.3, 100] as [Float16])
        // onnxruntime: [0.2998046875, 1000.5, inf]
        #expect(try run("Add", [a, b]) == Tensor(unchecked: [3], [0.2998046875, 1000.5, .infinity] as [Float16]))
    }

    @Test func binaryOpsRejectBadOperands() {
        let a = floats([2, 3], [1, 2, 3, 4, 5, 6])
        #expect(throws: OpError.self) { try run("Add", [a, floats([2], [1, 2])]) }
        #expect(throws: OpError.self) { try run("Add", [a, Tensor(unchecked: [3], [1, 2, 3] as [Int64])]) }
        #expect(throws: OpError.self) { try run("Add", [Tensor(scalar: true), Tensor(scalar: false)]) }
        #expect(throws: OpError.self) { try run("Mul", [a, nil]) }
        #expect(throws: OpError.self) { try run("BitwiseAnd", opset: 18, [a, a]) }
    }

    @Test func opset6BroadcastAlignsTheSecondOperandAtAxis() throws {
        let a = floats([2, 3, 2], Array(0..<12).map(Float.init))
        let b = floats([3], [100, 200, 300])
        let sum = try run("Add", opset: 6, [a, b], ["broadcast": .int(1), "axis": .int(1)])
        #expect(sum == floats([2, 3, 2], [100, 101, 202, 203, 304, 305, 106, 107, 208, 209, 310, 311]))
        // Without axis it is suffix-aligned, as numpy.
        let suffix = try run("Mul", opset: 6, [a, floats([2], [1, -1])], ["broadcast": .int(1)])
        #expect(suffix == floats([2, 3, 2], [0, -1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11]))
        #expect(throws: OpError.self) {
            try run("Add", opset: 6, [a, floats([2, 2], [1, 2, 3, 4])], ["broadcast": .int(1), "axis": .int(2)])
        }
    }

    // MARK: - Pow

    @Test func powAcceptsMixedBaseAndExponentTypes() throws {
        // Expected values from onnxruntime 1.23 (opset 15).
        let intBase = Tensor(unchecked: [4], [2, 3, -2, 2] as [Int32])
        #expect(try run("Pow", opset: 15, [intBase, Tensor(unchecked: [4], [3, 2, 3, -1] as [Int32])])
            == Tensor(unchecked: [4], [8, 9, -8, 0] as [Int32]))
        #expect(try run("Pow", opset: 15, [intBase, Tensor(unchecked: [4], [0.5, 2.5, 3, -1] as [Float])])
            == Tensor(unchecked: [4], [1, 15, -8, 0] as [Int32]))
        let floatBase = floats([4], [2, 3, -2, 2])
        #expect(try run("Pow", opset: 15, [floatBase, Tensor(unchecked: [4], [3, 2, 3, -1] as [Int64])])
            == floats([4], [8, 9, -8, 0.5]))
        let mixed = try run("Pow", opset: 15, [floats([4], [2, -3, -2, 2]), floats([4], [0.5, 0.5, 3, -1])])
        #expect(close(mixed.elements(Float.self), [1.4142135, .nan, -8, 0.5]))
        let int64 = Tensor(unchecked: [5], [0, 1, -1, -1, 2] as [Int64])
        #expect(try run("Pow", opset: 15, [int64, Tensor(unchecked: [5], [-1, -3, -3, -2, 62] as [Int64])])
            == Tensor(unchecked: [5], [0, 1, -1, 1, 1 << 62] as [Int64]))
        let half = try run("Pow", opset: 15, [Tensor(unchecked: [2], [3, -2] as [Float16]), Tensor(scalar: Float(2))])
        #expect(half == Tensor(unchecked: [2], [9, 4] as [Float16]))
    }

    @Test func powWithScalarExponentBroadcasts() throws {
        let x = floats([2, 2], [1, -2, 3, 0.5])
        #expect(try run("Pow", [x, floats([1, 1], [2])]) == floats([2, 2], [1, 4, 9, 0.25]))
        #expect(try run("Pow", [x, floats([], [3])]) == floats([2, 2], [1, -8, 27, 0.125]))
        #expect(try run("Pow", [x, floats([], [1])]) == x)
        let root = try run("Pow", [floats([2], [4, 2]), floats([], [0.5])])
        #expect(close(root.elements(Float.self), [2, 1.4142135]))
        let cube = try run("Pow", [floats([3], [1, 2, 3]), floats([2, 1], [2, 3])])
        #expect(cube == floats([2, 3], [1, 4, 9, 1, 8, 27]))
    }

    // MARK: - Mod

    @Test func modFollowsPythonForIntegersAndCForFmod() throws {
        // Expected values from onnxruntime 1.23.
        let a = Tensor(unchecked: [5], [-7, 7, -7, 7, 5] as [Int32])
        let b = Tensor(unchecked: [5], [3, -3, -3, 3, 1] as [Int32])
        #expect(try run("Mod", opset: 13, [a, b]) == Tensor(unchecked: [5], [2, -2, -1, 1, 0] as [Int32]))
        #expect(try run("Mod", opset: 13, [a, b], ["fmod": .int(1)]) == Tensor(unchecked: [5], [-1, 1, -1, 1, 0] as [Int32]))
        let fmod = try run("Mod", opset: 13, [floats([4], [-7.5, 7.5, 1, .infinity]), floats([4], [2, -2, 0, 2])], ["fmod": .int(1)])
        #expect(close(fmod.elements(Float.self), [-1.5, 1.5, .nan, .nan]))
        // Not allowed by the spec, computed as numpy's mod.
        let numpy = try run("Mod", opset: 13, [floats([2], [-7.5, 7.5]), floats([2], [2, -2])])
        #expect(numpy == floats([2], [0.5, -0.5]))
        let zero = try run("Mod", opset: 13, [Tensor(unchecked: [2], [7, -128] as [Int8]), Tensor(unchecked: [2], [0, -1] as [Int8])])
        #expect(zero == Tensor(unchecked: [2], [0, 0] as [Int8]))
        #expect(throws: OpError.self) { try run("Mod", [a, b], ["fmod": .int(2)]) }
    }

    // MARK: - Unary

    @Test func unaryOpsMatchOnnxruntime() throws {
        let x = floats([7], [0.5, 1.5, 2.5, -0.5, -1.5, 2.4, -2.6])
        let expected: [(String, [Float])] = [
            ("Round", [0, 2, 2, -0, -2, 2, -3]),
            ("Floor", [0, 1, 2, -1, -2, 2, -3]),
            ("Ceil", [1, 2, 3, -0, -1, 3, -2]),
            ("Sign", [1, 1, 1, -1, -1, 1, -1]),
            ("Abs", [0.5, 1.5, 2.5, 0.5, 1.5, 2.4, 2.6]),
            ("Neg", [-0.5, -1.5, -2.5, 0.5, 1.5, -2.4, 2.6]),
            ("Reciprocal", [2, 0.6666666865348816, 0.4, -2, -0.6666666865348816, 0.4166666567325592, -0.38461539149284363]),
        ]
        for (op, values) in expected {
            #expect(close(try run(op, opset: 13, [x]).elements(Float.self), values), "\(op)")
        }
        let positive = floats([6], [0.1, 0.5, 1, 2, 10, 30])
        let transcendental: [(String, [Float])] = [
            ("Sqrt", [0.3162277638912201, 0.7071067690849304, 1, 1.4142135381698608, 3.1622776985168457, 5.4772257804870605]),
            ("Exp", [1.1051709651947021, 1.6487212181091309, 2.7182817459106445, 7.389056205749512, 22026.466796875, 10686474223616]),
            ("Log", [-2.3025851249694824, -0.6931471824645996, 0, 0.6931471824645996, 2.3025851249694824, 3.4011974334716797]),
            ("Erf", [0.11246291548013687, 0.5204998850822449, 0.8427007794380188, 0.9953222870826721, 1, 1]),
        ]
        for (op, values) in transcendental {
            #expect(close(try run(op, opset: 13, [positive]).elements(Float.self), values), "\(op)")
        }
    }

    @Test func trigonometricOpsMatchOnnxruntime() throws {
        let x = floats([5], [-0.9, -0.3, 0, 0.4, 0.8])
        let expected: [(String, [Float])] = [
            ("Sin", [-0.7833269238471985, -0.29552021622657776, 0, 0.3894183337688446, 0.7173560857772827]),
            ("Cos", [0.6216099858283997, 0.9553365111351013, 1, 0.9210609793663025, 0.6967067122459412]),
            ("Tan", [-1.2601581811904907, -0.30933627486228943, 0, 0.4227932393550873, 1.0296385288238525]),
            ("Asin", [-1.11976957321167, -0.30469268560409546, 0, 0.41151681542396545, 0.9272952079772949]),
            ("Acos", [2.690565824508667, 1.8754888772964478, 1.5707963705062866, 1.1592795848846436, 0.6435011029243469]),
            ("Atan", [-0.7328150272369385, -0.29145678877830505, 0, 0.38050636649131775, 0.6747409701347351]),
            ("Sinh", [-1.0265166759490967, -0.30452030897140503, 0, 0.4107523262500763, 0.8881060481071472]),
            ("Cosh", [1.4330863952636719, 1.04533851146698, 1, 1.0810723304748535, 1.3374348878860474]),
            ("Asinh", [-0.8088668584823608, -0.29567307233810425, 0, 0.39003533124923706, 0.7326682209968567]),
            ("Atanh", [-1.4722193479537964, -0.30951961874961853, 0, 0.4236489534378052, 1.0986123085021973]),
        ]
        for (op, values) in expected {
            #expect(close(try run(op, opset: 9, [x]).elements(Float.self), values), "\(op)")
        }
        let acosh = try run("Acosh", opset: 9, [floats([3], [1, 1.5, 3])])
        #expect(close(acosh.elements(Float.self), [0, 0.9624236822128296, 1.7627471685409546]))
    }

    @Test func fastFloat32ExpAndErfStayWithinAFewUlpOverTheirRange() throws {
        let xs = stride(from: Float(-110), through: 95, by: 0.0137).map { $0 }
        let exp = try #require(try run("Exp", [floats([xs.count], xs)]).elements(Float.self))
        for (x, y) in zip(xs, exp) {
            let reference = Float(Foundation.exp(Double(x)))
            #expect(y == reference || abs(y - reference) <= 2 * reference.ulp, "exp(\(x)) = \(y), expected \(reference)")
        }
        let erfInputs = stride(from: Float(-6), through: 6, by: 0.0011).map { $0 }
        let erf = try #require(try run("Erf", [floats([erfInputs.count], erfInputs)]).elements(Float.self))
        for (x, y) in zip(erfInputs, erf) {
            let reference = Float(Foundation.erf(Double(x)))
            #expect(abs(y - reference) <= 2 * max(reference.ulp, Float.leastNormalMagnitude), "erf(\(x)) = \(y), expected \(reference)")
        }
        let special = try run("Exp", [floats([4], [.nan, .infinity, -.infinity, 0])])
        #expect(close(special.elements(Float.self), [.nan, .infinity, 0, 1]))
    }

    @Test func fastFloat32LogAndSqrtHandleTheWholeRange() throws {
        var xs = stride(from: Float(0.001), through: 1000, by: 0.0173).map { $0 }
        xs += [.leastNonzeroMagnitude, .leastNormalMagnitude, 1e-30, 0.7071067, 0.7071068, 1, 2, .greatestFiniteMagnitude]
        let log = try #require(try run("Log", [floats([xs.count], xs)]).elements(Float.self))
        for (x, y) in zip(xs, log) {
            let reference = Float(Foundation.log(Double(x)))
            #expect(abs(y - reference) <= 2 * max(reference.ulp, Float.leastNonzeroMagnitude), "log(\(x)) = \(y), expected \(reference)")
        }
        let logSpecial = try run("Log", [floats([5], [0, -0.0, -1, .infinity, .nan])])
        #expect(close(logSpecial.elements(Float.self), [-.infinity, -.infinity, .nan, .infinity, .nan]))
        let sqrt = try run("Sqrt", [floats([6], [4, 2, -0.0, -1, .infinity, .nan])])
        #expect(close(sqrt.elements(Float.self), [2, 1.4142135, 0, .nan, .infinity, .nan]))
        #expect(sqrt.elements(Float.self)?[2].sign == .minus)
    }

    @Test func float16OpsRoundLikeSwiftConversions() throws {
        let halves = (0...UInt16.max).map { Float16(bitPattern: $0) }
        let input = Tensor(unchecked: [halves.count], halves)
        let negated = try #require(try run("Neg", [input]).elements(Float16.self))
        let roots = try #require(try run("Sqrt", [input]).elements(Float16.self))
        let sums = try #require(try run("Add", [input, Tensor(scalar: Float16(0.1))]).elements(Float16.self))
        for (i, h) in halves.enumerated() {
            let same = { (a: Float16, b: Float16) in a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
            #expect(same(negated[i], -h), "Neg \(h)")
            #expect(same(roots[i], Float16(Float(h).squareRoot())), "Sqrt \(h)")
            #expect(same(sums[i], Float16(Float(h) + Float(Float16(0.1)))), "Add \(h)")
        }
    }

    @Test func float64UnaryOpsUseDoublePrecision() throws {
        let x = Tensor(unchecked: [3], [0.25, 1, 3] as [Double])
        #expect(close(try run("Exp", [x]).elements(Double.self), [Foundation.exp(0.25), Foundation.exp(1), Foundation.exp(3)], tolerance: 1e-15))
        #expect(close(try run("Erf", [x]).elements(Double.self), [Foundation.erf(0.25), Foundation.erf(1), Foundation.erf(3)], tolerance: 1e-15))
    }

    @Test func integerUnaryOpsWrapInsteadOfTrapping() throws {
        let x = Tensor(unchecked: [3], [-128, 5, 0] as [Int8])
        #expect(try run("Neg", [x]) == Tensor(unchecked: [3], [-128, -5, 0] as [Int8]))
        #expect(try run("Abs", [x]) == Tensor(unchecked: [3], [-128, 5, 0] as [Int8]))
        #expect(try run("Sign", [x]) == Tensor(unchecked: [3], [-1, 1, 0] as [Int8]))
        #expect(try run("Sign", [Tensor(unchecked: [2], [0, 4] as [UInt8])]) == Tensor(unchecked: [2], [0, 1] as [UInt8]))
        #expect(try run("Abs", [Tensor(unchecked: [2], [7, 0] as [UInt32])]) == Tensor(unchecked: [2], [7, 0] as [UInt32]))
        #expect(throws: OpError.self) { try run("Neg", [Tensor(unchecked: [1], [1] as [UInt8])]) }
        #expect(throws: OpError.self) { try run("Sqrt", [Tensor(unchecked: [1], [4] as [Int32])]) }
        #expect(throws: OpError.self) { try run("Exp", [Tensor(unchecked: [1], ["a"])]) }
    }

    @Test func signKeepsNaNAndMapsNegativeZeroToZero() throws {
        let sign = try run("Sign", [floats([4], [.nan, -0.0, 2, -3])])
        #expect(close(sign.elements(Float.self), [.nan, 0, 1, -1]))
        #expect(sign.elements(Float.self)?[1].sign == .plus)
    }

    // MARK: - Variadic

    @Test func minAndMaxPropagateNaNLikeOnnxruntime() throws {
        let a = floats([4], [1, .nan, 3, -0.0])
        let b = floats([4], [.nan, 2, 1, 0])
        #expect(close(try run("Max", opset: 13, [a, b]).elements(Float.self), [.nan, .nan, 3, 0]))
        #expect(close(try run("Min", opset: 13, [a, b]).elements(Float.self), [.nan, .nan, 1, 0]))
        let c = floats([4], [0, 0, 5, 1])
        #expect(close(try run("Max", opset: 8, [a, b, c]).elements(Float.self), [.nan, .nan, 5, 1]))
    }

    @Test func variadicOpsBroadcastAllInputs() throws {
        let a = floats([2], [1, 2])
        let b = floats([2, 1], [2, 3])
        let c = floats([], [4])
        // onnxruntime: [[2.3333335, 2.6666667], [2.6666667, 3]]
        #expect(close(try run("Mean", opset: 13, [a, b, c]).elements(Float.self), [2.3333335, 2.6666667, 2.6666667, 3]))
        #expect(try run("Sum", opset: 13, [a, b, c]) == floats([2, 2], [7, 8, 8, 9]))
        #expect(try run("Max", opset: 13, [a, b]) == floats([2, 2], [2, 2, 3, 3]))
        #expect(try run("Min", opset: 13, [a, b, c]) == floats([2, 2], [1, 2, 1, 2]))
        #expect(try run("Sum", [a]) == a)
        let ints = Tensor(unchecked: [3], [5, -1, 7] as [Int64])
        #expect(try run("Min", opset: 13, [ints, Tensor(scalar: Int64(0))]) == Tensor(unchecked: [3], [0, -1, 0] as [Int64]))
        #expect(try run("Max", opset: 13, [ints]) == ints)
        let halves = try run("Sum", [Tensor(unchecked: [2], [0.1, 1] as [Float16]), Tensor(unchecked: [2], [0.2, 1] as [Float16]), Tensor(unchecked: [2], [0.3, 1] as [Float16])])
        #expect(halves == Tensor(unchecked: [2], [0.6, 3] as [Float16]))
        #expect(throws: OpError.self) { try run("Sum", [a, floats([3], [1, 2, 3])]) }
        #expect(throws: OpError.self) { try run("Max", [a, ints]) }
        #expect(throws: OpError.self) { try run("Sum", []) }
    }

    // MARK: - Clip

    @Test func clipReadsAttributesBeforeOpset11AndInputsAfter() throws {
        let x = floats([5], [-3, -1, 0, 2, 5])
        #expect(try run("Clip", opset: 6, [x], ["min": .float(-1.5), "max": .float(1)]) == floats([5], [-1.5, -1, 0, 1, 1]))
        #expect(try run("Clip", opset: 6, [x], ["max": .float(0)]) == floats([5], [-3, -1, 0, 0, 0]))
        #expect(try run("Clip", opset: 11, [x, floats([], [-1.5]), floats([], [1])]) == floats([5], [-1.5, -1, 0, 1, 1]))
        #expect(try run("Clip", opset: 11, [x, nil, floats([], [1])]) == floats([5], [-3, -1, 0, 1, 1]))
        #expect(try run("Clip", opset: 11, [x, floats([1], [0])]) == floats([5], [0, 0, 0, 2, 5]))
        #expect(try run("Clip", opset: 11, [x]) == x)
    }

    @Test func clipHandlesIntegersInvertedBoundsAndNaN() throws {
        let ints = Tensor(unchecked: [3], [1, 5, 10] as [Int32])
        #expect(try run("Clip", opset: 13, [ints, Tensor(scalar: Int32(2)), nil]) == Tensor(unchecked: [3], [2, 5, 10] as [Int32]))
        // Expected values from onnxruntime: min > max gives max everywhere; a NaN bound is ignored.
        #expect(try run("Clip", opset: 13, [floats([3], [1, 5, 10]), floats([], [6]), floats([], [3])]) == floats([3], [3, 3, 3]))
        let nan = try run("Clip", opset: 13, [floats([3], [.nan, 5, 10]), floats([], [2]), floats([], [.nan])])
        #expect(close(nan.elements(Float.self), [.nan, 5, 10]))
        #expect(throws: OpError.self) { try run("Clip", opset: 13, [ints, Tensor(scalar: Float(2))]) }
        #expect(throws: OpError.self) { try run("Clip", opset: 13, [floats([2], [1, 2]), floats([2], [0, 1])]) }
        #expect(throws: OpError.self) { try run("Clip", opset: 6, [ints]) }
    }

    // MARK: - Bitwise

    @Test func bitShiftAndBitwiseOpsMatchOnnxruntime() throws {
        let left = try run("BitShift", opset: 11, [Tensor(unchecked: [4], [1, 2, 255, 16] as [UInt8]), Tensor(unchecked: [4], [1, 3, 1, 0] as [UInt8])], ["direction": .string("LEFT")])
        #expect(left == Tensor(unchecked: [4], [2, 16, 254, 16] as [UInt8]))
        let right = try run("BitShift", opset: 11, [Tensor(unchecked: [3], [16, 255, 1000] as [UInt32]), Tensor(unchecked: [1], [2] as [UInt32])], ["direction": .string("RIGHT")])
        #expect(right == Tensor(unchecked: [3], [4, 63, 250] as [UInt32]))
        let overshift = try run("BitShift", opset: 11, [Tensor(unchecked: [2], [1, 255] as [UInt8]), Tensor(unchecked: [2], [8, 9] as [UInt8])], ["direction": .string("LEFT")])
        #expect(overshift == Tensor(unchecked: [2], [0, 0] as [UInt8]))
        #expect(throws: OpError.self) { try run("BitShift", opset: 11, [left, left], ["direction": .string("UP")]) }

        let a = Tensor(unchecked: [3], [12, -1, 7] as [Int32])
        let b = Tensor(unchecked: [3], [10, 5, -8] as [Int32])
        #expect(try run("BitwiseAnd", opset: 18, [a, b]) == Tensor(unchecked: [3], [8, 5, 0] as [Int32]))
        #expect(try run("BitwiseOr", opset: 18, [a, b]) == Tensor(unchecked: [3], [14, -1, -1] as [Int32]))
        #expect(try run("BitwiseXor", opset: 18, [a, b]) == Tensor(unchecked: [3], [6, -6, -1] as [Int32]))
        #expect(try run("BitwiseNot", opset: 18, [Tensor(unchecked: [3], [12, -1, 0] as [Int8])]) == Tensor(unchecked: [3], [-13, 0, -1] as [Int8]))
        #expect(try run("BitwiseNot", opset: 18, [Tensor(unchecked: [3], [12, 255, 0] as [UInt8])]) == Tensor(unchecked: [3], [243, 0, 255] as [UInt8]))
        #expect(throws: OpError.self) { try run("BitwiseNot", opset: 18, [floats([1], [1])]) }
    }
}
