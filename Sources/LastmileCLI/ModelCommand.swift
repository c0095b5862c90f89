import ArgumentParser
import Foundation
import LastmileAPI
import LastmileClient

/// `lastmile model`: upload ONNX models and list their versions.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model", abstract: "Upload and list models.", subcommands: [Upload.self, List.self, Show.self])

    struct Upload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Upload an ONNX file as a model's next version.",
            discussion: "With --framework and --sample, the file is a native artifact (a pickle/joblib file, an XGBoost JSON/UBJ model, a LightGBM text model, a .keras file, a TorchScript or pickled PyTorch module) that the server converts to ONNX; it must run with --converter-python. Unpickling runs the file's code on the server.")

        @Argument(help: "The model's name.")
        var name: String

        @Argument(help: "The ONNX file (or, with --framework, the native artifact).")
        var file: String

        @Option(name: .shortAndLong, help: "The workspace.")
        var workspace: String

        @Option(help: "Have the server convert a native artifact of this framework: \(ModelFramework.allCases.map(\.rawValue).joined(separator: ", ")).")
        var framework: String?

        @Option(help: "With --framework: a JSON file with a few rows of input (a list of rows, or an object of columns) to check the conversion on.")
        var sample: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard let bytes = FileManager.default.contents(atPath: url.path) else {
                throw CLIError(.badInput, "cannot read \(file)")
            }
            if let framework {
                guard let kind = ModelFramework(rawValue: framework) else {
                    throw CLIError(.badInput, "--framework must be one of \(ModelFramework.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return try await convert(bytes, framework: kind)
            }
            let label = url.lastPathComponent
            let quiet = options.json
            let version = try await options.client().uploadModel(workspace: workspace, name: name, onnx: bytes) { sent, total in
                guard !quiet else { return }
                let percent = total == 0 ? 100 : sent * 100 / total
                FileHandle.standardError.write(Data("\ruploading \(label): \(percent)% (\(humanBytes(sent)) of \(humanBytes(total)))".utf8))
                if sent == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
            if options.json { return try printJSON(version) }
            print("""
                model \(version.model) version \(version.id)
                  sha256  \(version.sha256)
                  size    \(humanBytes(version.size))
                  inputs  \(signatureText(version.inputs))
                  outputs \(signatureText(version.outputs))
                """)
        }

        /// Uploads a native artifact, waits for the server's conversion and prints the result.
        private func convert(_ artifact: Data, framework: ModelFramework) async throws {
            guard let sample else { throw CLIError(.badInput, "--framework needs --sample FILE: a few rows of input as JSON to check the conversion on") }
            guard let sampleBytes = FileManager.default.contents(atPath: sample) else { throw CLIError(.badInput, "cannot read \(sample)") }
            let rows: JSONValue
            do {
                rows = try JSONDecoder().decode(JSONValue.self, from: sampleBytes)
            } catch {
                throw CLIError(.badInput, "\(sample) is not JSON: \(error.localizedDescription)")
            }
            let client = try options.client()
            let started = try await client.uploadNativeModel(workspace: workspace, name: name, framework: framework, artifact: artifact, sample: rows)
            if !options.json { FileHandle.standardError.write(Data("converting \(URL(fileURLWithPath: file).lastPathComponent) (\(framework.rawValue)) as model \(name) version \(started.id)...\n".utf8)) }
            let version = try await client.waitForConversion(workspace: workspace, name: name, id: started.id)
            if options.json { return try printJSON(version) }
            guard version.status == .ready else {
                throw CLIError(.failure, "the server could not convert \(file): \(version.statusMessage ?? "no reason given")")
            }
            print("""
                model \(version.model) version \(version.id) (converted from \(framework.rawValue))
                  sha256  \(version.sha256)
                  size    \(humanBytes(version.size))
                  inputs  \(signatureText(version.inputs))
                  outputs \(signatureText(version.outputs))
                  check   \(version.statusMessage ?? "")
                """)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a workspace's models.")

        @Option(name: .shortAndLong, help: "The workspace.")
        var workspace: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let models = try await options.client().models(workspace: workspace)
            if options.json { return try printJSON(models) }
            var table = TextTable("NAME", "VERSIONS", "LATEST", "SIZE", "CREATED")
            for model in models {
                let latest = model.versions.last
                table.add(model.name, String(model.versions.count), latest?.id ?? "-", latest.map { humanBytes($0.size) } ?? "-", humanDate(model.createdAt))
            }
            print(table.rendered)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a model's versions and signatures.")

        @Argument(help: "The model's name.")
        var name: String

        @Option(name: .shortAndLong, help: "The workspace.")
        var workspace: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let model = try await options.client().model(workspace: workspace, name: name)
            if options.json { return try printJSON(model) }
            var table = TextTable("VERSION", "CREATED", "SIZE", "SHA256", "INPUTS", "OUTPUTS")
            for version in model.versions {
                let digest = version.status == .ready ? String(version.sha256.prefix(12)) : version.status.rawValue
                table.add(version.id, humanDate(version.createdAt), humanBytes(version.size), digest, signatureText(version.inputs), signatureText(version.outputs))
            }
            let failures = model.versions.filter { $0.status == .failed }.map { "version \($0.id) failed: \($0.statusMessage ?? "no reason given")" }
            print(([("model \(model.name) in workspace \(model.workspace)\n" + table.rendered)] + failures).joined(separator: "\n"))
        }
    }
}
