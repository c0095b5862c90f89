import ArgumentParser
import Foundation
import LastmileEngine

/// `lastmile inspect MODEL.onnx`: the model's signature, opsets, op histogram and any ops the
/// engine does not support.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a model's inputs, outputs, opsets, op histogram and unsupported ops.")

    @Argument(help: "The ONNX model file.")
    var model: String

    func run() throws {
        let url = URL(fileURLWithPath: model)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIError(.badInput, "model file \(model) does not exist")
        }
        let loaded = try Model(contentsOf: url)
        print(Self.describe(loaded, path: model))
    }

    /// The report `inspect` prints.
    static func describe(_ model: Model, path: String) -> String {
        var lines: [String] = []
        let producer = [model.producerName, model.producerVersion].filter { !$0.isEmpty }.joined(separator: " ")
        lines.append("model: \(path)")
        lines.append("producer: \(producer.isEmpty ? "unknown" : producer), IR version \(model.irVersion)")
        lines.append("opsets: " + model.opsets.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let graph = model.graph
        lines.append("inputs:")
        for input in graph.requiredInputs { lines.append("  \(input.name): \(input.type)") }
        for input in graph.overridableInputs { lines.append("  \(input.name): \(input.type) (optional, defaults to an initializer)") }
        lines.append("outputs:")
        for output in graph.outputs { lines.append("  \(output.name): \(output.type)") }
        let histogram = model.opHistogram
        lines.append("ops (\(histogram.values.reduce(0, +)) nodes):")
        let width = histogram.keys.map(\.count).max() ?? 0
        for (op, count) in histogram.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            lines.append("  \(op.padding(toLength: width, withPad: " ", startingAt: 0))  \(count)")
        }
        do {
            _ = try InferenceSession(model: model)
            lines.append("unsupported ops: none")
        } catch let error as EngineError where !error.unsupported.isEmpty {
            lines.append("unsupported ops: " + error.unsupported.joined(separator: ", "))
        } catch {
            lines.append("cannot run: \(error)")
        }
        return lines.joined(separator: "\n")
    }
}
