import LastmileAPI
import LastmileEngine
import LastmileTensor
import LastmileRuntime

/// A pipeline signature and a two-row batch for validation tests, with every value written
/// out here so expected results can be worked out by hand.
enum ValidationFixture {
    static let inputs = [
        TensorSpec(name: "x", datatype: "FP32", shape: [-1, 4]),
        TensorSpec(name: "flag", datatype: "BOOL", shape: [-1]),
        TensorSpec(name: "text", datatype: "BYTES", shape: [-1, 2]),
        TensorSpec(name: "my-input", datatype: "INT64", shape: [-1]),
    ]
    static let outputs = [
        TensorSpec(name: "score", datatype: "FP32", shape: [-1, 3]),
        TensorSpec(name: "m", datatype: "FP64", shape: [-1, 2, 3]),
        TensorSpec(name: "v", datatype: "FP32", shape: [-1, -1]),
        TensorSpec(name: "probs", datatype: "JSON", shape: [-1]),
        TensorSpec(name: "missing", datatype: "FP32", shape: [-1]),
    ]

    /// Row 0: x = [1, 2, 3, 4], flag = true, my-input = 7.
    /// Row 1: x = [-1, 0, 0.5, 8], flag = false, my-input = -3.
    static func requestTensors() throws -> [String: Tensor] {
        [
            "x": try Tensor(shape: [2, 4], elements: [Float(1), 2, 3, 4, -1, 0, 0.5, 8]),
            "flag": try Tensor(shape: [2], elements: [true, false]),
            "text": try Tensor(shape: [2, 2], elements: ["a", "b", "c", "d"]),
            "my-input": try Tensor(shape: [2], elements: [Int64(7), -3]),
        ]
    }

    /// Row 0: score = [0.25, 0.5, 0.25], m = [[1, 2, 3], [4, 5, 6]], v = [1, 2].
    /// Row 1: score = [0.75, 0.125, 0.125], m = [[7, 8, 9], [10, 11, 12]], v = [3, 4].
    /// `v` has a variable second dimension (2 here); `missing` is not produced.
    static func pipelineOutputs(v: Tensor? = nil) throws -> [NamedValue] {
        [
            NamedValue(name: "score", value: .tensor(try Tensor(shape: [2, 3], elements: [Float(0.25), 0.5, 0.25, 0.75, 0.125, 0.125]))),
            NamedValue(name: "m", value: .tensor(try Tensor(shape: [2, 2, 3], elements: (1...12).map(Double.init)))),
            NamedValue(name: "v", value: .tensor(try v ?? Tensor(shape: [2, 2], elements: [Float(1), 2, 3, 4]))),
        ]
    }

    /// For each row of the fixture batch, whether `expression` flags it.
    static func flags(_ expression: String, v: Tensor? = nil) throws -> [Bool] {
        let set = try ValidationSet(["rule": expression], inputs: inputs, outputs: outputs)
        let anomalies = set.evaluate(rows: 2, inputs: try requestTensors(), outputs: try pipelineOutputs(v: v))
        return anomalies.map { $0 == ["rule"] }
    }

    /// The message with which compiling `expression` as validation "rule" fails, or nil.
    static func error(_ expression: String, name: String = "rule") -> RuntimeError? {
        do {
            _ = try ValidationSet([name: expression], inputs: inputs, outputs: outputs)
            return nil
        } catch let error as RuntimeError {
            return error
        } catch {
            return RuntimeError(.inferenceFailed, "unexpected error type: \(error)")
        }
    }
}
