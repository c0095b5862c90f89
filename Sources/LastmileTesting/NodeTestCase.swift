import Foundation
import LastmileEngine
import LastmileONNXProto
import LastmileTensor
import SwiftProtobuf

/// A case whose data Lastmile cannot represent (an empty optional, a map); it is skipped.
public struct UnreadableCase: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// One ONNX backend node test case: `model.onnx` and `test_data_set_*/{input,output}_*.pb`, as
/// the onnx package writes them.
public struct NodeTestCase: Sendable, CustomStringConvertible {
    public var name: String
    public var directory: URL
    public var description: String { name }

    /// The case's own tolerances from `meta.json` (written by scripts/conformance), else
    /// ONNX's backend-runner defaults.
    public var rtol: Double = 1e-3
    public var atol: Double = 1e-7

    public init(directory: URL) {
        self.name = directory.lastPathComponent
        self.directory = directory
        if let data = try? Data(contentsOf: directory.appendingPathComponent("meta.json")),
           let meta = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            rtol = (meta["rtol"] as? NSNumber)?.doubleValue ?? rtol
            atol = (meta["atol"] as? NSNumber)?.doubleValue ?? atol
        }
    }

    /// Every case folder under `root`, sorted by name.
    public static func all(in root: URL) throws -> [NodeTestCase] {
        try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { $0.hasPrefix("test_") }
            .sorted()
            .map { NodeTestCase(directory: root.appendingPathComponent($0)) }
    }

    /// One data set: inputs by graph input name and outputs by graph output name.
    public struct DataSet: Sendable {
        public var inputs: [String: Value]
        public var outputs: [(name: String, value: Value)]
    }

    /// Reads every data set of the case for `model`.
    public func dataSets(for model: Model) throws -> [DataSet] {
        let sets = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("test_data_set_") }
            .sorted()
        return try sets.map { set in
            let folder = directory.appendingPathComponent(set)
            var inputs: [String: Value] = [:]
            for (i, info) in model.graph.inputs.enumerated() {
                let file = folder.appendingPathComponent("input_\(i).pb")
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                inputs[info.name] = try Self.read(file, as: info.type)
            }
            var outputs: [(String, Value)] = []
            for (i, info) in model.graph.outputs.enumerated() {
                let file = folder.appendingPathComponent("output_\(i).pb")
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                outputs.append((info.name, try Self.read(file, as: info.type)))
            }
            return DataSet(inputs: inputs, outputs: outputs)
        }
    }

    private static func read(_ file: URL, as type: ValueType) throws -> Value {
        let data = try Data(contentsOf: file)
        switch type {
        case .sequence:
            return try sequence(Onnx_SequenceProto(serializedBytes: data))
        case .tensor:
            return .tensor(try Tensor(proto: Onnx_TensorProto(serializedBytes: data)))
        case .unknown("optional"):
            let optional = try Onnx_OptionalProto(serializedBytes: data)
            if optional.hasTensorValue { return .tensor(try Tensor(proto: optional.tensorValue)) }
            if optional.hasSequenceValue { return try sequence(optional.sequenceValue) }
            throw UnreadableCase("an optional value without an element")
        default:
            throw UnreadableCase("a \(type) value")
        }
    }

    private static func sequence(_ proto: Onnx_SequenceProto) throws -> Value {
        if !proto.sequenceValues.isEmpty { return .sequence(try proto.sequenceValues.map(sequence)) }
        return .sequence(try proto.tensorValues.map { .tensor(try Tensor(proto: $0)) })
    }

    /// Why `actual` differs from `expected` the way ONNX's backend runner compares (rtol/atol,
    /// NaN equal to NaN, exact for integers, bools and strings), or nil when they match.
    public static func mismatch(_ actual: Value, _ expected: Value, rtol: Double = 1e-3, atol: Double = 1e-7) -> String? {
        switch (actual, expected) {
        case (.tensor(let a), .tensor(let e)):
            guard a.dtype == e.dtype else { return "dtype \(a.dtype), expected \(e.dtype)" }
            guard a.shape == e.shape else { return "shape \(a.shape), expected \(e.shape)" }
            if let x = a.elements(String.self), let y = e.elements(String.self) { return x == y ? nil : "strings differ" }
            guard let x = a.doubles, let y = e.doubles else { return "cannot compare" }
            for i in x.indices {
                if x[i].isNaN && y[i].isNaN { continue }
                if x[i] == y[i] { continue }
                if !(abs(x[i] - y[i]) <= atol + rtol * abs(y[i])) { return "element \(i): \(x[i]), expected \(y[i])" }
            }
            return nil
        case (.sequence(let a), .sequence(let e)):
            guard a.count == e.count else { return "sequence of \(a.count), expected \(e.count)" }
            for (x, y) in zip(a, e) { if let problem = mismatch(x, y, rtol: rtol, atol: atol) { return problem } }
            return nil
        default:
            return "got \(actual.typeDescription), expected \(expected.typeDescription)"
        }
    }
}
