import ArgumentParser
import Foundation
import LastmileClient
import LastmileEngine

/// The `lastmile` command line.
public struct LastmileCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lastmile",
        abstract: "Lastmile: run ONNX models natively, offline or as a service.",
        subcommands: [
            InspectCommand.self, PredictCommand.self, BenchCommand.self, OpsCommand.self,
            ServeCommand.self, LoginCommand.self, UserCommand.self, WorkspaceCommand.self,
            ModelCommand.self, PipelineCommand.self, InferCommand.self, ExplainCommand.self, AssayCommand.self,
        ])

    public init() {}

    /// Parses `arguments` (the process's when nil), runs the command and exits: 0 on success,
    /// 2 for bad input or usage, 3 for a model Lastmile does not support.
    public static func main(arguments: [String]?) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch {
            let (message, code) = report(error)
            if code == 0 {
                print(message)
            } else {
                FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
            }
            Foundation.exit(code)
        }
    }

    /// The message and exit code for an error that ended a command.
    static func report(_ error: any Error) -> (String, Int32) {
        switch error {
        case let error as CLIError:
            return (error.message, error.code.rawValue)
        case let error as ClientError:
            return (error.description, (400..<500).contains(error.status) ? CLIError.Code.badInput.rawValue : CLIError.Code.failure.rawValue)
        case let error as EngineError:
            return (error.message, error.code == .unsupportedModel ? CLIError.Code.unsupportedModel.rawValue : CLIError.Code.badInput.rawValue)
        default:
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success { return (message, 0) }
            // Usage errors exit with 2, like bad input.
            return (message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message, CLIError.Code.badInput.rawValue)
        }
    }

    /// Loads a model for a command, turning load errors into CLI errors with exit codes.
    static func loadSession(_ path: String) throws -> InferenceSession {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIError(.badInput, "model file \(path) does not exist")
        }
        return try InferenceSession(contentsOf: url)
    }
}
