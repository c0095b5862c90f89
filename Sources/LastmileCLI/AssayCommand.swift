import ArgumentParser
import Foundation
import LastmileAPI
import LastmileClient
import LastmileServer

/// `lastmile assay`: drift checks on a field of a pipeline's logged inferences.
struct AssayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay", abstract: "Score drift between a baseline and windows of values.",
        subcommands: [Score.self, Preview.self, Create.self, List.self, Results.self, Activate.self, Delete.self])

    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score a window of values against a baseline (nothing is stored).",
            discussion: "Values come from files (a JSON list, or numbers separated by commas, spaces or newlines; nan or null for missing) or inline with --baseline-values 1,2,3.")

        @Option(help: "A file with the baseline's values.")
        var baseline: String?

        @Option(name: .customLong("baseline-values"), help: "The baseline's values, comma-separated.")
        var baselineValues: String?

        @Option(help: "A file with the window's values.")
        var window: String?

        @Option(name: .customLong("window-values"), help: "The window's values, comma-separated.")
        var windowValues: String?

        @OptionGroup var summarizer: AssaySummarizerOptions

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let base = try Self.values(file: baseline, inline: baselineValues, name: "baseline")
            let win = try Self.values(file: window, inline: windowValues, name: "window")
            let request = AssayScoreRequest(baseline: AssayValues(values: base), window: AssayValues(values: win), summarizer: try summarizer.summarizer(), thresholds: summarizer.thresholds, minCount: summarizer.minCount)
            let result = try await options.client().scoreAssay(request)
            if options.json { return try printJSON(result) }
            print(Self.describe(result))
        }

        static func values(file: String?, inline: String?, name: String) throws -> [Double?] {
            switch (file, inline) {
            case (let file?, nil): return try AssayValueFile.read(file)
            case (nil, let inline?): return try AssayValueFile.parse(inline, what: "--\(name)-values")
            case (nil, nil): throw CLIError(.badInput, "give the \(name) with --\(name) FILE or --\(name)-values 1,2,3")
            default: throw CLIError(.badInput, "give --\(name) or --\(name)-values, not both")
            }
        }

        static func describe(_ result: AssayScoreResult) -> String {
            var lines: [String] = []
            let score = result.score.map { String(format: "%.6g", $0) } ?? "-"
            let bin = result.binIndex.map { " (largest at bin \($0): \(result.baseline.labels[safe: $0] ?? "?"))" } ?? ""
            lines.append("\(result.metric.rawValue) \(score): \(result.status.rawValue)\(bin)")
            for warning in result.warnings ?? [] { lines.append("warning: \(warning)") }
            lines.append(AssayChart.render(baseline: result.baseline, window: result.window))
            return lines.joined(separator: "\n")
        }
    }
}

/// Where windows of logged inferences come from: the pipeline, the field, the baseline and the windows.
struct AssayWindowOptions: ParsableArguments {
    @Option(help: "The pipeline whose logged inferences are assayed.")
    var pipeline: String

    @Option(help: "The field, such as out.dense_3[0] or in.tensor[4].")
    var iopath: String

    @Option(help: "A file with the baseline's values (instead of a logged range).")
    var baseline: String?

    @Option(name: .customLong("baseline-values"), help: "The baseline's values, comma-separated.")
    var baselineValues: String?

    @Option(name: .customLong("baseline-start"), help: "The start of the logged baseline range (ISO 8601).")
    var baselineStart: String?

    @Option(name: .customLong("baseline-end"), help: "The end of the logged baseline range (ISO 8601).")
    var baselineEnd: String?

    @Option(help: "The first window's start (ISO 8601).")
    var start: String

    @Option(help: "Each window's width: 30s, 15m, 1h, 1d.")
    var width: String

    @Option(help: "From one window's start to the next (default: the width).")
    var interval: String?

    @Option(help: "Windows at most.")
    var count: Int?

    func source() throws -> AssayBaseline {
        if baselineStart != nil || baselineEnd != nil {
            guard let baselineStart, let baselineEnd, baseline == nil, baselineValues == nil else {
                throw CLIError(.badInput, "give --baseline-start and --baseline-end together, and no baseline values")
            }
            return AssayBaseline(start: try date(baselineStart, "--baseline-start"), end: try date(baselineEnd, "--baseline-end"))
        }
        return AssayBaseline(values: try AssayCommand.Score.values(file: baseline, inline: baselineValues, name: "baseline"))
    }

    func windows() throws -> AssayWindows {
        AssayWindows(start: try date(start, "--start"), width: width, interval: interval, count: count)
    }

    private func date(_ text: String, _ flag: String) throws -> Date {
        guard let date = APICoding.parseDate(text) else { throw CLIError(.badInput, "\(flag) \(text) is not an ISO 8601 time such as 2026-11-26T20:00:00Z") }
        return date
    }
}

extension AssayCommand {
    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Score windows of a pipeline's logged inferences without storing anything.")

        @OptionGroup var source: AssayWindowOptions
        @OptionGroup var summarizer: AssaySummarizerOptions
        @Option(help: ArgumentHelp("Also chart the scores and the last window's histogram into this SVG file.", valueName: "file"))
        var svg: String?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let request = AssayPreviewRequest(
                pipeline: source.pipeline, iopath: source.iopath, baseline: try source.source(), windows: try source.windows(),
                summarizer: try summarizer.summarizer(), thresholds: summarizer.thresholds, minCount: summarizer.minCount
            )
            let reply = try await options.client().previewAssay(request)
            if let svg {
                let last = reply.windows.last { $0.summary.count > 0 }
                try SVGOutput.write([
                    ChartViews.assayScores(name: request.iopath, metric: reply.metric, thresholds: request.thresholds ?? AssayThresholds(), windows: reply.windows),
                    ChartViews.assayHistogram(title: "\(request.iopath): baseline vs last window", baseline: reply.baseline, window: last?.summary),
                ], to: svg)
            }
            if options.json { return try printJSON(reply) }
            print(resultsTable(reply.windows, metric: reply.metric))
            if let last = reply.windows.last(where: { $0.summary.count > 0 }) {
                print("\nlast window with values, \(humanDate(last.start)):")
                print(AssayChart.render(baseline: reply.baseline, window: last.summary))
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a scheduled assay; the server scores each window as it closes.")

        @Argument(help: "The assay's name (unique in its workspace).")
        var name: String

        @Option(name: .shortAndLong, help: "The workspace.")
        var workspace: String

        @Option(help: "A URL to POST alerts to.")
        var webhook: String?

        @Option(name: .customLong("alert-after"), help: "Alert after this many breaching windows in a row (default 1).")
        var alertAfter: Int?

        @Flag(name: .customLong("alert-on-warning"), help: "Warnings breach too.")
        var alertOnWarning = false

        @Flag(help: "Create it paused.")
        var paused = false

        @OptionGroup var source: AssayWindowOptions
        @OptionGroup var summarizer: AssaySummarizerOptions
        @OptionGroup var options: ClientOptions

        func run() async throws {
            let request = CreateAssayRequest(
                workspace: workspace, name: name, pipeline: source.pipeline, iopath: source.iopath, baseline: try source.source(),
                windows: try source.windows(), summarizer: try summarizer.summarizer(), thresholds: summarizer.thresholds,
                minCount: summarizer.minCount, active: !paused, webhook: webhook, alertAfter: alertAfter, alertOnWarning: alertOnWarning
            )
            let assay = try await options.client().createAssay(request)
            if options.json { return try printJSON(assay) }
            print("assay \(assay.name) (\(assay.id)) on \(assay.pipeline) \(assay.iopath): \(assay.active ? "active" : "paused"), baseline of \(assay.baseline.count) values")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a workspace's assays.")

        @Option(name: .shortAndLong, help: "The workspace.")
        var workspace: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let assays = try await options.client().assays(workspace: workspace)
            if options.json { return try printJSON(assays) }
            var table = TextTable("ID", "NAME", "PIPELINE", "IOPATH", "METRIC", "WIDTH", "ACTIVE", "NEXT WINDOW")
            for assay in assays {
                table.add(assay.id, assay.name, assay.pipeline, assay.iopath, assay.summarizer.metric.rawValue, assay.windows.width, assay.active ? "yes" : "no", String(assay.nextWindow))
            }
            print(table.rendered)
        }
    }

    struct Results: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an assay's scored windows.")

        @Argument(help: "The assay's id.")
        var id: String

        @Option(help: ArgumentHelp("Also chart the scores over time and the latest window's histogram into this SVG file.", valueName: "file"))
        var svg: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let client = try options.client()
            let assay = try await client.assay(id: id)
            let results = try await client.assayResults(id: id)
            if let svg {
                let last = results.last { $0.summary.count > 0 }
                try SVGOutput.write([
                    ChartViews.assayScores(name: assay.name, metric: assay.summarizer.metric, thresholds: assay.thresholds, windows: results),
                    ChartViews.assayHistogram(title: "\(assay.iopath): baseline vs latest window", baseline: assay.baseline, window: last?.summary),
                ], to: svg)
            }
            if options.json { return try printJSON(results) }
            print(resultsTable(results, metric: assay.summarizer.metric))
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume (or with --off, pause) an assay's schedule.")

        @Argument(help: "The assay's id.")
        var id: String

        @Flag(help: "Pause instead.")
        var off = false

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let assay = try await options.client().setAssayActive(id: id, active: !off)
            if options.json { return try printJSON(assay) }
            print("assay \(assay.name) is \(assay.active ? "active" : "paused")")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an assay and its results.")

        @Argument(help: "The assay's id.")
        var id: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.client().deleteAssay(id: id)
            if options.json { return try printJSON(["deleted": id]) }
            print("assay \(id) is deleted")
        }
    }
}

/// Windows as a table: start, values, score, status.
func resultsTable(_ results: [AssayWindowResult], metric: AssayMetric) -> String {
    var table = TextTable("WINDOW START", "VALUES", "MISSING", metric.rawValue.uppercased(), "STATUS")
    for result in results {
        table.add(humanDate(result.start), String(result.summary.count), String(result.summary.missing), result.score.map { String(format: "%.4g", $0) } ?? "-", result.status.rawValue)
    }
    return table.rendered
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
