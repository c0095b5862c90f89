import ArgumentParser
import Foundation
import LastmileAPI
import LastmileServer
import Logging

/// `lastmile serve`: runs the server on the embedded store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Lastmile server (API, Open Inference Protocol) on an embedded store.",
        discussion: "On first start it creates the admin user. Its token is LASTMILE_ADMIN_TOKEN when set; otherwise one is generated, printed once and written to <data-dir>/admin.token (mode 0600). SIGTERM or SIGINT stop it gracefully.")

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(name: .customLong("data-dir"), help: "Where the store keeps its database, artifacts and the admin token.")
    var dataDir = ".lastmile"

    @Option(name: .customLong("max-model-mb"), help: "The largest model upload accepted, in MiB.")
    var maxModelMB = 1024

    @Option(name: .customLong("max-request-mb"), help: "The largest inference or JSON request accepted, in MiB.")
    var maxRequestMB = 64

    @Option(name: .customLong("log-durability"), help: "async: replies do not wait for the inference log (rows are committed within a second); sync: each reply waits until its rows are on disk; off: log nothing.")
    var logDurability = "async"

    @Option(name: .customLong("log-max-age-days"), help: "Delete logged inferences older than this many days (0 keeps them).")
    var logMaxAgeDays = 30

    @Option(name: .customLong("log-max-gb"), help: "Keep the inference log under this many GB, deleting the oldest first (0: no cap).")
    var logMaxGB = 10

    @Option(name: .customLong("converter-python"), help: "A Python interpreter with the lastmile package (pip install './python[convert]') that converts uploaded scikit-learn, XGBoost, LightGBM, Keras and PyTorch artifacts to ONNX (default: LASTMILE_CONVERTER_PYTHON; unset refuses such uploads with 501). Unpickling runs the uploader's code: only collaborators may upload.")
    var converterPython: String?

    @Option(name: .customLong("conversion-timeout"), help: "Seconds one model conversion may run before it is killed and the version marked failed.")
    var conversionTimeout = 300

    @Option(name: .customLong("converter-sandbox"), help: "auto: confine conversions with bubblewrap (bwrap) when it is installed: no data directory, no network, read-only files; bwrap: require it; none: run them with the server's rights.")
    var converterSandbox = "auto"

    @Option(name: .customLong("max-conversions"), help: "How many model conversions may run at once; more uploads get 503 until one ends.")
    var maxConversions = 2

    func run() async throws {
        guard ["async", "sync", "off"].contains(logDurability) else { throw CLIError(.badInput, "--log-durability must be async, sync or off") }
        guard logMaxAgeDays >= 0, logMaxGB >= 0 else { throw CLIError(.badInput, "--log-max-age-days and --log-max-gb must not be negative") }
        guard (0...65535).contains(port) else { throw CLIError(.badInput, "--port must be between 0 and 65535") }
        guard maxModelMB > 0, maxRequestMB > 0 else { throw CLIError(.badInput, "--max-model-mb and --max-request-mb must be positive") }
        guard ["auto", "bwrap", "none"].contains(converterSandbox) else { throw CLIError(.badInput, "--converter-sandbox must be auto, bwrap or none") }
        guard conversionTimeout > 0, maxConversions > 0 else { throw CLIError(.badInput, "--conversion-timeout and --max-conversions must be positive") }
        let environment = ProcessInfo.processInfo.environment
        let configuration = ServerConfiguration(
            host: host, port: port, dataDirectory: URL(fileURLWithPath: dataDir),
            adminToken: environment["LASTMILE_ADMIN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 },
            maxModelBytes: maxModelMB << 20, maxRequestBytes: maxRequestMB << 20
        )
        var configured = configuration
        configured.logDurability = logDurability
        configured.logMaxAgeDays = logMaxAgeDays == 0 ? nil : logMaxAgeDays
        configured.logMaxBytes = logMaxGB == 0 ? nil : Int64(logMaxGB) << 30
        configured.converterPython = (converterPython ?? environment["LASTMILE_CONVERTER_PYTHON"]).flatMap { $0.isEmpty ? nil : $0 }
        configured.conversionTimeoutSeconds = conversionTimeout
        configured.converterSandbox = converterSandbox
        configured.maxConcurrentConversions = maxConversions
        var logger = Logger(label: "lastmile")
        logger.logLevel = environment["LASTMILE_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        let server: PlatformServer
        do {
            server = try PlatformServer(configuration: configured, logger: logger)
        } catch {
            throw CLIError(.failure, "could not open the data directory \(dataDir): \(error)")
        }
        let adminLines = try server.bootstrapAdmin()
        let host = self.host
        let dataDir = self.dataDir
        try await server.run { port in
            var lines = ["Lastmile \(LastmileVersion.current) listening on http://\(host):\(port)", "data directory: \(dataDir)", "web UI: http://\(host):\(port)/ui"]
            lines += adminLines
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
