import Foundation
import LastmileAPI
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Converts one native model artifact to ONNX by running `python -m lastmile.convert` in its own
/// process, killed when it runs past the time limit.
///
/// The subprocess is where untrusted bytes are unpickled: it runs the uploader's code with the
/// server's user rights, which is why only workspace collaborators may upload artifacts.
struct ModelConverter: Sendable {
    /// The Python interpreter (a path, or a name looked up on PATH).
    var python: String
    /// The time limit of one conversion.
    var timeoutSeconds: Int
    /// Where each conversion gets a scratch directory, removed when it ends.
    var workRoot: URL

    /// The result of one conversion: the ONNX bytes and the converter's summary line.
    struct Converted: Sendable {
        var onnx: Data
        var summary: String
    }

    /// Why a conversion failed, in words for the model version's `statusMessage`.
    struct Failure: Error, Sendable {
        var message: String
    }

    /// Converts `artifact` of `framework` checked on `sample` (JSON); blocks the calling thread,
    /// so call it through `Blocking.run`.
    func convert(id: String, framework: ModelFramework, artifact: Data, sample: Data) -> Result<Converted, Failure> {
        let directory = workRoot.appendingPathComponent(id)
        defer { try? FileManager.default.removeItem(at: directory) }
        let artifactFile = directory.appendingPathComponent("artifact.bin")
        let sampleFile = directory.appendingPathComponent("sample.json")
        let outputFile = directory.appendingPathComponent("model.onnx")
        let stdoutFile = directory.appendingPathComponent("stdout.txt")
        let stderrFile = directory.appendingPathComponent("stderr.txt")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try artifact.write(to: artifactFile)
            try sample.write(to: sampleFile)
            _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
            _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        } catch {
            return .failure(Failure(message: "could not prepare the conversion in \(directory.path): \(error.localizedDescription)"))
        }
        let process = Process()
        let command = [
            "-m", "lastmile.convert", "--framework", framework.rawValue,
            "--artifact", artifactFile.path, "--sample", sampleFile.path, "--output", outputFile.path,
        ]
        if python.contains("/") {
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = command
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python] + command
        }
        process.currentDirectoryURL = directory
        // The converter needs none of the server's settings; the admin token must not reach the uploader's code.
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LASTMILE_") }
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        process.environment = environment
        let timedOut = TimeoutFlag()
        do {
            let out = try FileHandle(forWritingTo: stdoutFile)
            let err = try FileHandle(forWritingTo: stderrFile)
            defer {
                try? out.close()
                try? err.close()
            }
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
        } catch {
            return .failure(Failure(message: "could not start the converter \(python): \(error.localizedDescription); check --converter-python"))
        }
        let pid = process.processIdentifier
        let timer = DispatchWorkItem {
            timedOut.set()
            kill(pid, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeoutSeconds), execute: timer)
        process.waitUntilExit()
        timer.cancel()
        if timedOut.isSet {
            return .failure(Failure(message: "the conversion took longer than \(timeoutSeconds) s and was stopped; try a smaller sample, or raise --conversion-timeout"))
        }
        let errors = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            return .failure(Failure(message: Self.reason(errors, status: process.terminationStatus)))
        }
        guard let onnx = try? Data(contentsOf: outputFile), !onnx.isEmpty else {
            return .failure(Failure(message: "the converter exited without writing a model; its output: \(Self.reason(errors, status: 0))"))
        }
        let summary = ((try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(Converted(onnx: onnx, summary: String(summary.suffix(500))))
    }

    /// The converter's message: the last line of a Python traceback, or its stderr (at most
    /// 1,500 characters, the end kept).
    static func reason(_ errors: String, status: Int32) -> String {
        let text = errors.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return "the converter exited with status \(status) and said nothing" }
        if text.contains("Traceback (most recent call last)"), let last = text.split(separator: "\n").last {
            return String(last.suffix(1500))
        }
        return String(text.suffix(1500))
    }
}

/// Counts the conversions running, so a burst of uploads cannot start unbounded Python processes.
final class ConversionSlots: Sendable {
    private let running = Mutex(0)

    /// Takes a slot when fewer than `limit` are taken; false when all are.
    func take(limit: Int) -> Bool {
        running.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Gives back a slot taken with `take`.
    func give() {
        running.withLock { $0 -= 1 }
    }
}

/// Set once by the timeout timer, read by the waiting thread.
private final class TimeoutFlag: Sendable {
    private let value = Mutex(false)

    func set() { value.withLock { $0 = true } }

    var isSet: Bool { value.withLock { $0 } }
}
