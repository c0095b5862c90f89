import Foundation
import LastmileAPI
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Converts one native model artifact to ONNX by running `python -m lastmile.convert` in its own
/// process, killed when it runs past the time limit.
///
/// The subprocess is where untrusted bytes are unpickled: it runs the uploader's code, which is
/// why only workspace collaborators may upload artifacts. With a sandbox (bubblewrap, `bwrap`)
/// that code sees the file system read-only, cannot see the data directory (the store, the
/// log, `admin.token`) or the server's processes, has no network, and may write only in its
/// scratch directory; without one it runs with the server's user rights.
struct ModelConverter: Sendable {
    /// The Python interpreter (a path, or a name looked up on PATH).
    var python: String
    /// The time limit of one conversion.
    var timeoutSeconds: Int
    /// Where each conversion gets a scratch directory, removed when it ends.
    var workRoot: URL
    /// The largest converted model accepted (the server's upload limit).
    var maxModelBytes: Int
    /// The bubblewrap executable that confines the converter, or nil to run it unconfined.
    var sandbox: String?
    /// The server's data directory, hidden from a sandboxed converter.
    var dataDirectory: URL

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
            // The path stays in the server's log; every viewer of the workspace reads the message.
            FileHandle.standardError.write(Data("lastmile: could not prepare a conversion in \(directory.path): \(error)\n".utf8))
            return .failure(Failure(message: "the server could not prepare the conversion (its data directory may be full); try again later"))
        }
        // Checked here because inside the sandbox a missing interpreter would only show as bwrap's exit.
        guard !python.contains("/") || FileManager.default.isExecutableFile(atPath: python) else {
            FileHandle.standardError.write(Data("lastmile: the converter \(python) is not an executable file\n".utf8))
            return .failure(Failure(message: Self.cannotStart))
        }
        let process = Process()
        let command = [
            "-m", "lastmile.convert", "--framework", framework.rawValue,
            "--artifact", artifactFile.path, "--sample", sampleFile.path, "--output", outputFile.path,
        ]
        if let sandbox {
            process.executableURL = URL(fileURLWithPath: sandbox)
            process.arguments = Self.sandboxArguments(scratch: directory.path, hidden: dataDirectory.path) + [python] + command
        } else if python.contains("/") {
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
        environment["TMPDIR"] = directory.path
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
            FileHandle.standardError.write(Data("lastmile: could not start the converter \(python): \(error)\n".utf8))
            return .failure(Failure(message: Self.cannotStart))
        }
        // Foundation starts the child as the leader of its own process group, so killing the
        // group (-pid) also stops whatever the uploaded code started. The flag keeps the timer
        // from signalling a pid that was already reaped (and may be reused).
        let pid = process.processIdentifier
        let timer = DispatchWorkItem {
            guard timedOut.claim() else { return }
            kill(-pid, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeoutSeconds), execute: timer)
        process.waitUntilExit()
        let expired = !timedOut.finish()
        timer.cancel()
        kill(-pid, SIGKILL)  // children the converter left behind
        if expired {
            return .failure(Failure(message: "the conversion took longer than \(timeoutSeconds) s and was stopped; try a smaller sample, or raise --conversion-timeout"))
        }
        let errors = Self.tail(of: stderrFile, bytes: 8 << 10)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            return .failure(Failure(message: Self.reason(errors, status: process.terminationStatus)))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: outputFile.path)[.size] as? NSNumber)?.intValue ?? 0
        guard size > 0 else {
            return .failure(Failure(message: "the converter exited without writing a model; its output: \(Self.reason(errors, status: 0))"))
        }
        guard size <= maxModelBytes else {
            return .failure(Failure(message: "the converted model has \(size) bytes, more than the \(maxModelBytes) this server accepts"))
        }
        guard let onnx = try? Data(contentsOf: outputFile) else {
            return .failure(Failure(message: "the converted model could not be read back; try again"))
        }
        let summary = Self.tail(of: stdoutFile, bytes: 2 << 10).trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(Converted(onnx: onnx, summary: String(summary.suffix(500))))
    }

    static let cannotStart = "the server could not start its converter; its administrator should check --converter-python"

    /// bubblewrap's arguments: everything read-only, the data directory replaced by an empty
    /// tmpfs, the scratch directory writable, fresh /dev and /proc in new pid, IPC, UTS and
    /// network namespaces (so neither the server's processes and environment nor the network
    /// are reachable), killed with the server.
    static func sandboxArguments(scratch: String, hidden: String) -> [String] {
        [
            "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/dev/shm",
            "--tmpfs", hidden, "--bind", scratch, scratch, "--chdir", scratch,
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net",
            "--die-with-parent", "--new-session", "--",
        ]
    }

    /// The last `bytes` bytes of a file as text (invalid UTF-8 replaced), without reading the
    /// rest: the converter runs uploaded code, which may write without end.
    static func tail(of file: URL, bytes: Int) -> String {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return "" }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd() else { return "" }
        try? handle.seek(toOffset: end > UInt64(bytes) ? end - UInt64(bytes) : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data, as: UTF8.self)
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

/// Decides, once, whether the timeout timer or the process's exit came first.
private final class TimeoutFlag: Sendable {
    /// nil while running; true when the timer fired first, false when the process exited first.
    private let outcome = Mutex<Bool?>(nil)

    /// Called by the timer: true when it came first (so it may kill the process group).
    func claim() -> Bool {
        outcome.withLock { outcome in
            guard outcome == nil else { return false }
            outcome = true
            return true
        }
    }

    /// Called once the process exited: true when it came first (the timer did not fire).
    func finish() -> Bool {
        outcome.withLock { outcome in
            guard outcome == nil else { return false }
            outcome = false
            return true
        }
    }
}
