import ArgumentParser
import Foundation
import LastmileEngine
import LastmileTensor

/// `lastmile bench MODEL.onnx --input REQUEST`: times the engine on one request, in-process, on
/// one thread, and prints one JSON line.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the engine on one request (one thread) and print a JSON line of latencies.")

    @Argument(help: "The ONNX model file.")
    var model: String

    @Option(name: .long, help: "The request: a v2 JSON file, a .csv or a .npy.")
    var input: String

    @Option(name: .long, help: "Timed runs.")
    var iterations: Int = 1000

    @Option(name: .long, help: "Untimed runs first, to warm caches.")
    var warmup: Int = 100

    @Flag(name: .long, help: "Run the graph as written, without the optimiser.")
    var noOptimize = false

    func validate() throws {
        guard iterations > 0, warmup >= 0 else {
            throw ValidationError("--iterations must be positive and --warmup not negative")
        }
    }

    func run() throws {
        BLAS.setThreads(1)
        let url = URL(fileURLWithPath: model)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIError(.badInput, "model file \(model) does not exist")
        }
        let session = try InferenceSession(contentsOf: url, options: SessionOptions(optimize: !noOptimize))
        let inputs = try InputFile.read(URL(fileURLWithPath: input), for: session)
        let feeds = Dictionary(inputs.map { ($0.name, $0.tensor) }, uniquingKeysWith: { a, _ in a })
        let report = try Self.measure(session: session, feeds: feeds, iterations: iterations, warmup: warmup)
        let batch = inputs.first?.tensor.shape.first ?? 1
        print(#"{"model": \#(InferenceResponse.quote(url.deletingPathExtension().lastPathComponent)), "batch": \#(batch), "iterations": \#(iterations), "p50_us": \#(report.p50), "p90_us": \#(report.p90), "mean_us": \#(report.mean)}"#)
    }

    /// Latencies in microseconds, rounded to 0.01.
    struct Report {
        var p50: Double
        var p90: Double
        var mean: Double
    }

    static func measure(session: InferenceSession, feeds: [String: Tensor], iterations: Int, warmup: Int) throws -> Report {
        for _ in 0..<warmup { _ = try session.run(feeds) }
        var samples: [UInt64] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try session.run(feeds)
            samples.append(DispatchTime.now().uptimeNanoseconds - start)
        }
        samples.sort()
        func microseconds(_ ns: Double) -> Double { (ns / 10).rounded() / 100 }
        let mean = Double(samples.reduce(0, +)) / Double(samples.count)
        return Report(
            p50: microseconds(Double(samples[samples.count / 2])),
            p90: microseconds(Double(samples[min(samples.count - 1, samples.count * 9 / 10)])),
            mean: microseconds(mean))
    }
}
