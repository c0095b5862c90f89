import ArgumentParser
import Foundation
import LastmileEngine
import LastmileTensor

/// `lastmile predict MODEL.onnx --input REQUEST`: scores a request offline and prints an Open
/// Inference Protocol (KServe v2) response.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Run a model on a request and print the v2 inference response.",
        discussion: """
            The input is a KServe v2 JSON request ({"inputs": [{"name", "shape", "datatype", "data"}]}), \
            a .csv file with a header row, or a .npy array. Exit codes: 0 success, 2 bad input or \
            usage, 3 model not supported.
            """)

    @Argument(help: "The ONNX model file.")
    var model: String

    @Option(name: .long, help: "The request: a v2 JSON file, a .csv or a .npy.")
    var input: String

    @Option(name: .long, help: "Write the response to this file instead of standard output.")
    var output: String?

    func run() throws {
        let session = try LastmileCommand.loadSession(model)
        let response = try Self.predict(session: session, input: URL(fileURLWithPath: input),
                                        modelName: URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent)
        if let output {
            do {
                try Data((response + "\n").utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CLIError(.badInput, "cannot write the response to \(output): \(error.localizedDescription)")
            }
        } else {
            print(response)
        }
    }

    /// Runs `session` on the request file and returns the v2 response JSON.
    static func predict(session: InferenceSession, input: URL, modelName: String) throws -> String {
        let inputs = try InputFile.read(input, for: session)
        var feeds: [String: Tensor] = [:]
        for item in inputs {
            guard feeds[item.name] == nil else {
                throw CLIError(.badInput, "input \"\(item.name)\" appears twice in the request")
            }
            feeds[item.name] = item.tensor
        }
        let results = try session.run(feeds)
        let ordered = session.outputs.compactMap { info in results[info.name].map { (name: info.name, value: $0) } }
        return try InferenceResponse.encode(modelName: modelName, outputs: ordered)
    }
}
