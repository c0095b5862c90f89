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



/// Softmax over axis 1 of a row-major `[outer, n, inner]` array, in Double.
private func referenceSoftmax(_ x: [Float], outer: Int, n: Int, inner: Int, log: Bool) -> [Float] {
    var out = [Float](repeating: 0, count: x.count)
    for o in 0..<outer {
        for k in 0..<inner {
            let indices = (0..<n).map { o * n * inner + $0 * inner + k }
            let m = indices.map { Double(x[$0]) }.max() ?? 0
            let sum = indices.map { Foundation.exp(Double(x[$0]) - m) }.reduce(0, +)
            for i in indices {
                out[i] = Float(log ? Double(x[i]) - m - Foundation.log(sum) : Foundation.exp(Double(x[i]) - m) / sum)
            }
        }
    }
    return out
}

@Suite struct ActivationOpsTests {
    private let x = floats([10], [-3, -1.5, -0.5, -0.1, 0, 0.1, 0.5, 1.5, 3, 20])

    @Test func pointwiseActivationsMatchOnnxruntime() throws {
        // Expected values from onnxruntime 1.23 on the input `x`.
        let cases: [(String, Int, [String: Attribute], [Float])] = [
            ("Elu", 6, ["alpha": .float(0.7)], [-0.6651490330696106, -0.5438088774681091, -0.27542853355407715, -0.06661383807659149, 0, 0.1, 0.5, 1.5, 3, 20]),
            ("Selu", 6, [:], [-1.6705687046051025, -1.3658143281936646, -0.6917581558227539, -0.1673053503036499, 0, 0.10507010668516159, 0.5253505110740662, 1.5760514736175537, 3.1521029472351074, 21.014020919799805]),
            ("Celu", 12, ["alpha": .float(2)], [-1.5537396669387817, -1.0552668571472168, -0.44239842891693115, -0.0975412130355835, 0, 0.1, 0.5, 1.5, 3, 20]),
            ("Softplus", 1, [:], [0.04858735576272011, 0.20141325891017914, 0.4740769863128662, 0.6443966627120972, 0.6931471824645996, 0.7443966865539551, 0.9740769863128662, 1.7014132738113403, 3.0485873222351074, 20]),
            ("Softsign", 1, [:], [-0.75, -0.6000000238418579, -0.3333333432674408, -0.09090908616781235, 0, 0.09090908616781235, 0.3333333432674408, 0.6000000238418579, 0.75, 0.9523809552192688]),
            ("HardSigmoid", 6, ["alpha": .float(0.3), "beta": .float(0.4)], [0, 0, 0.25, 0.3700000047683716, 0.4000000059604645, 0.4300000071525574, 0.550000011920929, 0.8500000238418579, 1, 1]),
            ("HardSwish", 14, [:], [0, -0.375, -0.2083333283662796, -0.04833333194255829, 0, 0.05166666582226753, 0.2916666567325592, 1.125, 3, 20]),
            ("ThresholdedRelu", 10, ["alpha": .float(0.4)], [0, 0, 0, 0, 0, 0, 0.5, 1.5, 3, 20]),
            ("Shrink", 9, ["lambd": .float(0.4), "bias": .float(0.2)], [-2.799999952316284, -1.2999999523162842, -0.30000001192092896, 0, 0, 0, 0.30000001192092896, 1.2999999523162842, 2.799999952316284, 19.799999237060547]),
            ("Mish", 18, [:], [-0.14564745128154755, -0.29809969663619995, -0.22074377536773682, -0.056788574904203415, 0, 0.06317941844463348, 0.37524524331092834, 1.4033782482147217, 2.9865355491638184, 20]),
            ("Gelu", 20, [:], [-0.0040496885776519775, -0.10021081566810608, -0.1542687714099884, -0.04601721838116646, 0, 0.05398278310894966, 0.3457312285900116, 1.3997892141342163, 2.995950222015381, 20]),
            ("Gelu", 20, ["approximate": .string("tanh")], [-0.0036375224590301514, -0.10042843222618103, -0.1542859971523285, -0.046017251908779144, 0, 0.053982753306627274, 0.3457140028476715, 1.3995715379714966, 2.9963626861572266, 20]),
            ("LeakyRelu", 6, ["alpha": .float(0.1)], [-0.30000001192092896, -0.15000000596046448, -0.05000000074505806, -0.010000000707805157, 0, 0.1, 0.5, 1.5, 3, 20]),
            ("Sigmoid", 13, [:], [0.04742586612701416, 0.18242555856704712, 0.3775407075881958, 0.4750208258628845, 0.5, 0.5249791741371155, 0.6224592924118042, 0.8175744414329529, 0.9525741338729858, 1]),
            ("Tanh", 13, [:], [-0.9950547218322754, -0.9051482081413269, -0.46211716532707214, -0.099667988717556, 0, 0.099667988717556, 0.46211716532707214, 0.9051482081413269, 0.9950547218322754, 1]),
            ("Relu", 6, [:], [0, 0, 0, 0, 0, 0.1, 0.5, 1.5, 3, 20]),
        ]
        for (op, opset, attributes, expected) in cases {
            let y = try run(op, opset: opset, [x], attributes)
            #expect(y.shape == [10])
            #expect(close(y.elements(Float.self), expected), "\(op) \(attributes)")
            // float64 takes the generic path; it must agree with the float32 one.
            let wide = try run(op, opset: opset, [x.cast(to: .float64)], attributes)
            #expect(close(wide.elements(Double.self), expected.map(Double.init), tolerance: 1e-6), "\(op) float64")
        }
    }

    @Test func activationsKeepNaN() throws {
        let nan = floats([1], [.nan])
        for op in ["Relu", "LeakyRelu", "Elu", "Selu", "Celu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Softplus", "Softsign", "Mish", "Gelu"] {
            #expect(try run(op, opset: 20, [nan]).elements(Float.self)?.first?.isNaN == true, "\(op)")
        }
        let relu = try run("Relu", [floats([2], [-0.0, -.infinity])])
        #expect(relu == floats([2], [-0.0, 0]))
    }

    @Test func fastSigmoidAndTanhStayWithinAFewUlp() throws {
        let xs = stride(from: Float(-30), through: 30, by: 0.0071).map { $0 }
        let sigmoid = try #require(try run("Sigmoid", [floats([xs.count], xs)]).elements(Float.self))
        let tanh = try #require(try run("Tanh", [floats([xs.count], xs)]).elements(Float.self))
        for (i, x) in xs.enumerated() {
            let s = Float(1 / (1 + Foundation.exp(-Double(x))))
            #expect(abs(sigmoid[i] - s) <= 4 * s.ulp, "sigmoid(\(x))")
            let t = Float(Foundation.tanh(Double(x)))
            #expect(abs(tanh[i] - t) <= 8 * max(abs(t).ulp, Float.leastNormalMagnitude), "tanh(\(x))")
        }
        let limits = try run("Sigmoid", [floats([2], [.infinity, -.infinity])])
        #expect(limits == floats([2], [1, 0]))
    }

    @Test func float16ActivationsAreComputedInFloat() throws {
        // Expected values from onnxruntime 1.23.
        let y = try run("Sigmoid", [Tensor(unchecked: [3], [-2, 0.3, 5] as [Float16])])
        #expect(y == Tensor(unchecked: [3], [0.11920166015625, 0.57421875, 0.9931640625] as [Float16]))
        let softmax = try run("Softmax", opset: 13, [Tensor(unchecked: [1, 3], [-2, 0.3, 5] as [Float16])])
        #expect(softmax == Tensor(unchecked: [1, 3], [0.0009026527404785156, 0.009002685546875, 0.990234375] as [Float16]))
    }

    @Test func reluTakesSignedIntegersFromOpset14() throws {
        #expect(try run("Relu", opset: 14, [Tensor(unchecked: [2], [-3, 4] as [Int8])]) == Tensor(unchecked: [2], [0, 4] as [Int8]))
        #expect(throws: OpError.self) { try run("Relu", [Tensor(unchecked: [1], [3] as [UInt8])]) }
        #expect(throws: OpError.self) { try run("Sigmoid", [Tensor(unchecked: [1], [3] as [Int32])]) }
    }

    @Test func shrinkTruncatesIntegerResults() throws {
        // Expected values from onnxruntime 1.23.
        let y = try run("Shrink", opset: 9, [Tensor(unchecked: [5], [-3, -1, 0, 1, 3] as [Int32])], ["lambd": .float(0.5), "bias": .float(1.5)])
        #expect(y == Tensor(unchecked: [5], [-1, 0, 0, 0, 1] as [Int32]))
    }

    @Test func preluBroadcastsTheSlope() throws {
        let input = floats([2, 2, 2], [-1, 2, -3, 4, 5, -6, -7, -8])
        // onnxruntime: slope [[0.5], [2]] scales each row of every matrix.
        let y = try run("PRelu", opset: 16, [input, floats([2, 1], [0.5, 2])])
        #expect(y == floats([2, 2, 2], [-0.5, 2, -6, 4, 5, -3, -14, -16]))
        #expect(try run("PRelu", opset: 6, [input, floats([1], [0.1])]) == floats([2, 2, 2], [-0.1, 2, -0.3, 4, 5, -0.6, -0.7, -0.8]))
        let ints = try run("PRelu", opset: 9, [Tensor(unchecked: [3], [-2, 0, 3] as [Int64]), Tensor(scalar: Int64(3))])
        #expect(ints == Tensor(unchecked: [3], [-6, 0, 3] as [Int64]))
        #expect(throws: OpError.self) { try run("PRelu", [input, floats([3], [1, 2, 3])]) }
    }

    @Test func badAttributesAreRejected() {
        #expect(throws: OpError.self) { try run("Gelu", opset: 20, [x], ["approximate": .string("erf")]) }
        #expect(throws: OpError.self) { try run("LeakyRelu", [x], ["alpha": .string("big")]) }
    }

    // MARK: - Softmax

    @Test func softmaxBeforeOpset13FlattensTheTrailingAxes() throws {
        let y = floats([2, 3], [1, 2, 3, 4, 5, 6])
        // Expected values from onnxruntime 1.23.
        let old = try run("Softmax", opset: 11, [y], ["axis": .int(0)])
        #expect(close(old.elements(Float.self), [0.00426977826282382, 0.011606461368501186, 0.03154963254928589, 0.08576079457998276, 0.23312200605869293, 0.6336913108825684]))
        let oldLog = try run("LogSoftmax", opset: 11, [y], ["axis": .int(0)])
        #expect(close(oldLog.elements(Float.self), [-5.456193447113037, -4.456193447113037, -3.456193447113037, -2.456193447113037, -1.4561933279037476, -0.45619332790374756]))
        let new = try run("Softmax", opset: 13, [y], ["axis": .int(0)])
        #expect(close(new.elements(Float.self), [0.04742587357759476, 0.04742587357759476, 0.04742587357759476, 0.9525741338729858, 0.9525741338729858, 0.9525741338729858]))
        let newLog = try run("LogSoftmax", opset: 13, [y])
        #expect(close(newLog.elements(Float.self), [-2.4076058864593506, -1.4076058864593506, -0.40760594606399536, -2.4076058864593506, -1.4076058864593506, -0.40760594606399536]))
    }

    @Test func softmaxDefaultAxisDependsOnOpset() throws {
        let z = floats([2, 3, 4], (0..<24).map { Float($0) / 7 })
        let values = try #require(z.elements(Float.self))
        let old = try run("Softmax", opset: 1, [z])
        #expect(close(old.elements(Float.self), referenceSoftmax(values, outer: 2, n: 12, inner: 1, log: false)))
        let new = try run("Softmax", opset: 13, [z])
        #expect(close(new.elements(Float.self), referenceSoftmax(values, outer: 6, n: 4, inner: 1, log: false)))
        let middle = try run("LogSoftmax", opset: 13, [z], ["axis": .int(-2)])
        #expect(close(middle.elements(Float.self), referenceSoftmax(values, outer: 2, n: 3, inner: 4, log: true)))
    }

    @Test func softmaxMatchesAReferenceOnRandomInputs() throws {
        var rng = SeededGenerator(state: 7)
        let shape = [3, 5, 7, 2]
        let values = (0..<Shape.count(shape)).map { _ in Float.random(in: -20...20, using: &rng) }
        let input = floats(shape, values)
        for axis in 0..<4 {
            let outer = shape[..<axis].reduce(1, *), inner = shape[(axis + 1)...].reduce(1, *)
            for log in [false, true] {
                let y = try run(log ? "LogSoftmax" : "Softmax", opset: 13, [input], ["axis": .int(axis)])
                #expect(close(y.elements(Float.self), referenceSoftmax(values, outer: outer, n: shape[axis], inner: inner, log: log), tolerance: 2e-6), "axis \(axis) log \(log)")
            }
        }
        let wide = try run("Softmax", opset: 13, [input.cast(to: .float64)], ["axis": .int(1)])
        let expected = referenceSoftmax(values, outer: 3, n: 5, inner: 14, log: false)
        #expect(close(wide.elements(Double.self), expected.map(Double.init), tolerance: 1e-6))
    }

    @Test func softmaxOfInfiniteRowsIsNaNLikeOnnxruntime() throws {
        let rows = floats([3, 2], [-.infinity, -.infinity, .infinity, 1, .nan, 1])
        let y = try run("Softmax", opset: 13, [rows])
        #expect(y.elements(Float.self)?.allSatisfy(\.isNaN) == true)
        let log = try run("LogSoftmax", opset: 13, [floats([1, 2], [-.infinity, 1])])
        #expect(log == floats([1, 2], [-.infinity, 0]))
    }

    @Test func softmaxHandlesEmptyInputsAndRejectsBadAxes() throws {
        let empty = try run("Softmax", opset: 13, [floats([2, 0], [])])
        #expect(empty.shape == [2, 0])
        #expect(throws: OpError.self) { try run("Softmax", opset: 13, [floats([], [1])]) }
        #expect(throws: OpError.self) { try run("Softmax", opset: 13, [floats([2], [1, 2])], ["axis": .int(1)]) }
        #expect(throws: OpError.self) { try run("LogSoftmax", opset: 11, [floats([2], [1, 2])]) }
        #expect(throws: OpError.self) { try run("Softmax", [Tensor(unchecked: [2], [1, 2] as [Int32])]) }
    }
}
