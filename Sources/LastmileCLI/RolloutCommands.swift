import ArgumentParser
import Foundation
import LastmileAPI
import LastmileClient

/// `NAME` or `NAME:VERSION`, as the CLI takes model references.
private func reference(_ text: String) -> ModelReference {
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    return ModelReference(name: parts[0], version: parts.count > 1 ? parts[1] : nil)
}

/// Creates the pipeline's next version with one step replaced and deploys it by hot swap.
private func replaceAndDeploy(_ client: LastmileClient, pipeline: String, step: Int?, with replacement: PipelineStep, json: Bool) async throws {
    let version = try await client.replaceStep(pipeline: pipeline, number: step, with: replacement)
    let deployment = try await client.deploy(pipeline: pipeline, version: version.version)
    if json { return try printJSON(deployment) }
    print("pipeline \(pipeline) version \(version.version): \(version.steps.map(stepText).joined(separator: " -> "))")
    print(describe(deployment))
}

extension PipelineCommand {
    struct Split: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A/B test: replace a model step with a weighted split and deploy it.",
            discussion: "`lastmile pipeline split fraud --route champion=3 --route challenger:VERSION=1 --hash-key customer` sends 3/4 of rows to champion; with --hash-key, equal keys always take the same route. Replies report the route as out._model_split.")

        @Argument(help: "The pipeline.")
        var name: String

        @Option(name: .customLong("route"), help: "NAME[:VERSION]=WEIGHT; repeat for each route.")
        var routes: [String]

        @Option(name: .customLong("hash-key"), help: "An input whose value's hash picks the route, so a key sticks to one route.")
        var hashKey: String?

        @Option(help: "The step (1-based) to replace, when the pipeline has several model steps.")
        var step: Int?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let weighted = try routes.map { text -> WeightedRoute in
                guard let equals = text.lastIndex(of: "="), let weight = Double(text[text.index(after: equals)...]) else {
                    throw CLIError(.badInput, "route \"\(text)\" is not NAME[:VERSION]=WEIGHT")
                }
                return WeightedRoute(model: reference(String(text[..<equals])), weight: weight)
            }
            guard !weighted.isEmpty else { throw CLIError(.badInput, "give at least one --route NAME=WEIGHT") }
            try await replaceAndDeploy(try options.client(), pipeline: name, step: step, with: .randomSplit(RandomSplit(routes: weighted, hashKey: hashKey)), json: options.json)
        }
    }

    struct ShadowDeploy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "shadow",
            abstract: "Shadow deploy: run challengers beside a model step's champion on every row and deploy it.",
            discussion: "Replies keep the champion's outputs in out and add each challenger's as out_<model>; a failing challenger never fails a request. Compare them with `lastmile pipeline routes`.")

        @Argument(help: "The pipeline.")
        var name: String

        @Option(help: "The champion, NAME[:VERSION] (default: the model the step runs now).")
        var champion: String?

        @Option(name: .customLong("challenger"), help: "A challenger, NAME[:VERSION]; repeat for several.")
        var challengers: [String]

        @Option(help: "The step (1-based) to replace, when the pipeline has several model steps.")
        var step: Int?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let client = try options.client()
            var championReference = champion.map(reference)
            if championReference == nil {
                let steps = try await client.pipeline(name).latestVersion.steps
                let current = step.flatMap { steps.indices.contains($0 - 1) ? steps[$0 - 1] : nil } ?? steps.first { !$0.models.isEmpty }
                championReference = current?.models.first
            }
            guard let championReference else { throw CLIError(.badInput, "pipeline \(name) has no model step; give --champion") }
            let shadow = Shadow(champion: championReference, challengers: challengers.map(reference))
            try await replaceAndDeploy(client, pipeline: name, step: step, with: .shadow(shadow), json: options.json)
        }
    }

    struct Rollback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deploy an earlier pipeline version again (the one before the deployed one by default), by hot swap.")

        @Argument(help: "The pipeline.")
        var name: String

        @Option(help: "The version to go back to.")
        var to: Int?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let deployment = try await options.client().rollback(pipeline: name, to: to)
            if options.json { return try printJSON(deployment) }
            print(describe(deployment))
        }
    }

    struct Routes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compare the routes of a pipeline's split and shadow steps over a recent window.")

        @Argument(help: "The pipeline.")
        var name: String

        @Option(help: "The window: 30s, 5m, 1h.")
        var window = "1h"

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let report = try await options.client().routes(pipeline: name, window: window)
            if options.json { return try printJSON(report) }
            guard !report.routes.isEmpty else {
                print("pipeline \(name) ran no split or shadow step in the last \(window)")
                return
            }
            var table = TextTable("STEP", "MODEL", "ROLE", "ROWS", "ERRORS", "P50", "P99", "ANOMALIES", "OUTPUT MEANS", "MEAN |DIFF|")
            func ms(_ seconds: Double?) -> String { seconds.map { String(format: "%.2f ms", $0 * 1000) } ?? "-" }
            func means(_ values: [String: Double]?) -> String {
                guard let values, !values.isEmpty else { return "-" }
                return values.keys.sorted().map { String(format: "%@=%.4g", $0, values[$0] ?? 0) }.joined(separator: " ")
            }
            for route in report.routes {
                table.add(
                    String(route.step), "\(route.model):\(route.version.prefix(8))", route.role, String(route.rows),
                    String(format: "%d (%.1f%%)", route.errors, route.errorRate * 100), ms(route.latencyP50Seconds), ms(route.latencyP99Seconds),
                    route.anomalyRate.map { String(format: "%.1f%%", $0 * 100) } ?? "-", means(route.outputMeans), means(route.meanAbsoluteDifference)
                )
            }
            print("pipeline \(name), last \(window)\n" + table.rendered)
        }
    }

    struct CanaryCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "canary", abstract: "Ramp a challenger up step by step, promoting it or rolling it back by itself.",
            subcommands: [Start.self, Status.self, Abort.self])

        struct Start: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Start a canary on the deployed version.",
                discussion: "`lastmile pipeline canary start fraud --challenger fraud-v2 --steps 5,25,50,100 --interval 10m --max-error-rate 0.01` gives fraud-v2 5% of rows for 10 minutes, then 25%, then 50%, then all; it goes back to the version before the canary as soon as fraud-v2 breaks a limit.")

            @Argument(help: "The pipeline.")
            var name: String

            @Option(help: "The challenger, NAME[:VERSION].")
            var challenger: String

            @Option(help: "The challenger's shares in percent, comma-separated, ending at 100.")
            var steps = "5,25,50,100"

            @Option(help: "How long each step lasts: 30s, 10m, 1h.")
            var interval = "10m"

            @Option(name: .customLong("max-error-rate"), help: "Roll back when this fraction of the challenger's runs fail.")
            var maxErrorRate = 0.01

            @Option(name: .customLong("max-anomaly-rate"), help: "Roll back when this fraction of the challenger's rows are flagged by validations.")
            var maxAnomalyRate: Double?

            @Option(name: .customLong("max-p99-ms"), help: "Roll back when the challenger's p99 run time exceeds this many milliseconds.")
            var maxLatencyP99Ms: Double?

            @Option(name: .customLong("min-runs"), help: "Runs needed before a limit is judged early.")
            var minRuns: Int?

            @Option(help: "The step (1-based) the challenger replaces, when ambiguous.")
            var step: Int?

            @OptionGroup var options: ClientOptions

            func run() async throws {
                let shares = try steps.split(separator: ",").map { text -> Double in
                    guard let share = Double(text.trimmingCharacters(in: .whitespaces)) else { throw CLIError(.badInput, "step \"\(text)\" is not a number") }
                    return share
                }
                let request = CreateCanaryRequest(
                    challenger: reference(challenger), steps: shares, interval: interval,
                    rollback: CanaryRollback(maxErrorRate: maxErrorRate, maxAnomalyRate: maxAnomalyRate, maxLatencyP99Ms: maxLatencyP99Ms, minRuns: minRuns),
                    step: step
                )
                try show(try await options.client().startCanary(pipeline: name, request), json: options.json)
            }
        }

        struct Status: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show the latest canary and its history.")

            @Argument(help: "The pipeline.")
            var name: String

            @OptionGroup var options: ClientOptions

            func run() async throws {
                try show(try await options.client().canary(pipeline: name), json: options.json)
            }
        }

        struct Abort: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Abort the running canary and deploy the version from before it.")

            @Argument(help: "The pipeline.")
            var name: String

            @OptionGroup var options: ClientOptions

            func run() async throws {
                try show(try await options.client().abortCanary(pipeline: name), json: options.json)
            }
        }
    }
}

/// Prints a canary as JSON or as `canaryText`.
private func show(_ canary: Canary, json: Bool) throws {
    if json { return try printJSON(canary) }
    print(canaryText(canary))
}

/// A canary's state, progress bar and history, for the terminal.
func canaryText(_ canary: Canary) -> String {
    let share = canary.share
    let filled = Int((share / 100 * 20).rounded())
    var lines = [
        "canary of \(canary.challenger.name):\((canary.challenger.version ?? "?").prefix(8)) replacing \(canary.champion.name):\((canary.champion.version ?? "?").prefix(8)) in step \(canary.step) of pipeline \(canary.pipeline)",
        "  \(canary.state.rawValue), challenger at \(String(format: "%g", share))% [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 20 - filled))], version \(canary.currentVersion) serving (\(canary.baseVersion) before the canary)",
    ]
    if let reason = canary.reason { lines.append("  reason: \(reason)") }
    for event in canary.history {
        var line = "  \(humanDate(event.at))  \(event.event)  \(String(format: "%g", event.share))%  v\(event.pipelineVersion)  \(event.message)"
        if let stats = event.stats {
            line += String(format: " [%d runs, %d errors]", stats.runs, stats.errors)
        }
        lines.append(line)
    }
    return lines.joined(separator: "\n")
}
