import Foundation
import Hummingbird
import LastmileAPI
import LastmileRuntime
import Logging

extension Platform {
    /// `POST /v1/workspaces/{ws}/models/{m}?framework=...`: records a `converting` version, answers
    /// 202 with it, and converts the artifact in a subprocess; the version ends `ready` or
    /// `failed` with the converter's message. 501 when the server has no converter configured,
    /// 503 when `maxConcurrentConversions` are running already.
    func startConversion(_ request: Request, workspace: String, model: String, framework name: String) async throws -> Response {
        guard let framework = ModelFramework(rawValue: name) else {
            throw APIError.badRequest("framework \"\(name.prefix(40))\" is not one of \(ModelFramework.allCases.map(\.rawValue).joined(separator: ", ")); upload ONNX without ?framework")
        }
        guard let python = configuration.converterPython else {
            throw APIError(.notImplemented, "conversion_unavailable", "this server does not convert models: start it with --converter-python PATH (a Python where `pip install './python[convert]'` and the \(framework.rawValue) package are installed), or convert on your side with the Python SDK (lastmile.convert(model, sample)) and upload the ONNX file")
        }
        // The slot is taken before the body is read, so a burst of uploads is refused before
        // each holds a large artifact in memory.
        guard conversions.take(limit: configuration.maxConcurrentConversions) else {
            var busy = APIError(.serviceUnavailable, "busy", "\(configuration.maxConcurrentConversions) model conversions are running, as many as this server runs at once; retry when one ends")
            busy.headers[.retryAfter] = "10"
            throw busy
        }
        let version: ModelVersion
        let artifact: Data
        let sample: Data
        do {
            (version, artifact, sample) = try await acceptConversion(request, workspace: workspace, model: model, framework: framework)
        } catch {
            conversions.give()
            throw error
        }
        let converter = ModelConverter(
            python: python, timeoutSeconds: configuration.conversionTimeoutSeconds,
            workRoot: configuration.dataDirectory.appendingPathComponent("conversions"), maxModelBytes: configuration.maxModelBytes,
            sandbox: converterSandbox, dataDirectory: configuration.dataDirectory
        )
        Task.detached { await self.finishConversion(version, converter: converter, framework: framework, artifact: artifact, sample: sample) }
        return try Response.json(version, status: .accepted)
    }

    /// Reads and checks a conversion upload and records its `converting` version.
    private func acceptConversion(_ request: Request, workspace: String, model: String, framework: ModelFramework) async throws -> (ModelVersion, Data, Data) {
        let buffer = try await request.collectBody(limit: configuration.maxModelBytes / 3 * 4 + (1 << 20), what: "the artifact")
        let body: ConvertModelRequest
        do {
            body = try APICoding.decoder().decode(ConvertModelRequest.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError.badRequest("a conversion upload is JSON {\"artifact\": \"<base64 of the \(framework.rawValue) file>\", \"sample\": [[...rows...]] or {\"column\": [...]}}: \(APIError.from(error).message)")
        }
        // Strictly: a `data:...;base64,` prefix or stray text must be a 400 now, not garbage
        // bytes that fail to unpickle later.
        let encoded = body.artifact.filter { !$0.isWhitespace }
        guard let artifact = Data(base64Encoded: encoded), !artifact.isEmpty else {
            throw APIError.badRequest("\"artifact\" must be the artifact's bytes in plain base64 (no data: prefix), and not empty")
        }
        switch body.sample {
        case .array(let rows) where !rows.isEmpty: break
        case .object(let columns) where !columns.isEmpty: break
        default: throw APIError.badRequest("\"sample\" must be a few rows of input: a non-empty list of rows, or an object of columns")
        }
        let sample = try APICoding.encoder().encode(body.sample)
        return (try store.addConvertingModelVersion(workspace: workspace, model: model), artifact, sample)
    }

    /// Runs the converter, gives back its slot, and records the outcome on `version`.
    func finishConversion(_ version: ModelVersion, converter: ModelConverter, framework: ModelFramework, artifact: Data, sample: Data) async {
        let store = self.store
        let slots = self.conversions
        do {
            let done = try await Blocking.run("lastmile-convert-\(version.id.prefix(8))") {
                let outcome = converter.convert(id: version.id, framework: framework, artifact: artifact, sample: sample)
                slots.give()
                switch outcome {
                case .failure(let failure):
                    return try store.failConversion(id: version.id, message: failure.message)
                case .success(let converted):
                    let signature: (inputs: [TensorSpec], outputs: [TensorSpec])
                    do {
                        let read = try ModelSignature.read(converted.onnx)
                        signature = (read.inputs, read.outputs)
                    } catch {
                        return try store.failConversion(id: version.id, message: "the converted model cannot be served: \(APIError.from(error).message)")
                    }
                    return try store.finishConversion(id: version.id, bytes: converted.onnx, inputs: signature.inputs, outputs: signature.outputs, message: converted.summary)
                }
            }
            logger.info("model \"\(version.model)\" version \(version.id) from \(framework.rawValue): \(done.status.rawValue) \(done.statusMessage ?? "")")
        } catch {
            logger.error("recording the conversion of model \"\(version.model)\" version \(version.id) failed: \(error)")
            // Do not leave the version `converting` until the next restart.
            do {
                _ = try store.failConversion(id: version.id, message: "the conversion finished but could not be recorded; upload the artifact again")
            } catch {
                logger.error("model \"\(version.model)\" version \(version.id) stays converting until the next start: \(error)")
            }
        }
    }
}

extension Platform {
    /// The bubblewrap executable conversions run in, as `configuration.converterSandbox` asks:
    /// nil for `none`, or for `auto` when `bwrap` is not on PATH (logged as a warning when a
    /// converter is configured). Throws for `bwrap` when it cannot be found, and for an
    /// unknown setting.
    static func findSandbox(_ configuration: ServerConfiguration, logger: Logger) throws -> String? {
        switch configuration.converterSandbox {
        case "none":
            return nil
        case "auto", "bwrap":
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            let found = path.split(separator: ":").map { "\($0)/bwrap" }.first { FileManager.default.isExecutableFile(atPath: $0) }
            if found == nil {
                if configuration.converterSandbox == "bwrap" {
                    throw APIError.badRequest("--converter-sandbox bwrap: bwrap is not on PATH; install bubblewrap (apt-get install bubblewrap)")
                }
                if configuration.converterPython != nil {
                    logger.warning("model conversions run without a sandbox, with this server's rights (uploaded code could read the data directory): install bubblewrap (apt-get install bubblewrap)")
                }
            }
            return found
        default:
            throw APIError.badRequest("--converter-sandbox \"\(configuration.converterSandbox.prefix(20))\" is not auto, bwrap or none")
        }
    }
}
