import ArgumentParser
import Foundation
import LastmileAPI
import LastmileClient

/// `lastmile pipeline`: create pipeline versions, deploy them and check on them.
struct PipelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline", abstract: "Create, deploy and inspect pipelines.",
        subcommands: [
            Create.self, List.self, Show.self, Deploy.self, Undeploy.self, Status.self, Split.self, ShadowDeploy.self, CanaryCommand.self,
            Rollback.self, Routes.self, LogsCommand.self, ExplainCommand.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a pipeline's next version.",
            discussion: "Steps run in the order given: `--model a --model b:VERSION`. Or pass the steps as JSON with --steps FILE ([{\"model\": {\"name\": \"a\"}}, ...]).")

        @Argument(help: "The pipeline's name (unique on the server).")
        var name: String

        @Option(name: .shortAndLong, help: "The workspace.")
        var workspace: String

        @Option(name: .customLong("model"), help: "A model step, NAME or NAME:VERSION; repeat for a chain.")
        var models: [String] = []

        @Option(help: "A JSON file with the steps.")
        var steps: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            var list: [PipelineStep] = models.map { text in
                let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
                return .model(ModelReference(name: parts[0], version: parts.count > 1 ? parts[1] : nil))
            }
            if let steps {
                guard let data = FileManager.default.contents(atPath: steps) else { throw CLIError(.badInput, "cannot read \(steps)") }
                do {
                    list += try APICoding.decoder().decode([PipelineStep].self, from: data)
                } catch {
                    throw CLIError(.badInput, "\(steps) is not a JSON list of steps: \(error)")
                }
            }
            guard !list.isEmpty else { throw CLIError(.badInput, "give at least one step: --model NAME or --steps FILE") }
            let version = try await options.client().createPipeline(name: name, workspace: workspace, steps: list)
            if options.json { return try printJSON(version) }
            print("pipeline \(version.pipeline) version \(version.version)\n  inputs  \(signatureText(version.inputs))\n  outputs \(signatureText(version.outputs))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the pipelines you can see.")

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let pipelines = try await options.client().pipelines()
            if options.json { return try printJSON(pipelines) }
            var table = TextTable("NAME", "WORKSPACE", "VERSION", "DEPLOYED", "STATE")
            for pipeline in pipelines {
                table.add(pipeline.name, pipeline.workspace, String(pipeline.latestVersion.version), pipeline.deployment.map { String($0.version) } ?? "-", pipeline.deployment?.state.rawValue ?? "-")
            }
            print(table.rendered)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a pipeline's versions and steps.")

        @Argument(help: "The pipeline.")
        var name: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let client = try options.client()
            let versions = try await client.pipelineVersions(name)
            if options.json { return try printJSON(versions) }
            var table = TextTable("VERSION", "CREATED", "STEPS", "INPUTS", "OUTPUTS")
            for version in versions {
                let steps = version.steps.map(stepText).joined(separator: " -> ")
                table.add(String(version.version), humanDate(version.createdAt), steps, signatureText(version.inputs), signatureText(version.outputs))
            }
            print("pipeline \(name)\n" + table.rendered)
        }
    }

    struct Deploy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deploy a pipeline version (the latest by default) and wait until it runs.")

        @Argument(help: "The pipeline.")
        var name: String

        @Option(help: "The pipeline version to deploy.")
        var version: Int?

        @Option(help: "Replicas, each on its own thread.")
        var replicas: Int?

        @Option(name: .customLong("max-batch-size"), help: "Merge concurrent requests into batches of up to this many rows.")
        var maxBatchSize: Int?

        @Option(name: .customLong("max-delay-micros"), help: "The longest a request waits for a batch to fill.")
        var maxDelayMicros: Int?

        @Option(name: .customLong("queue-capacity"), help: "Requests that may wait before the server answers 503.")
        var queueCapacity: Int?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            var config: DeploymentConfig?
            if replicas != nil || maxBatchSize != nil || maxDelayMicros != nil || queueCapacity != nil {
                let defaults = DeploymentConfig()
                config = DeploymentConfig(
                    replicas: replicas ?? defaults.replicas,
                    batching: BatchingConfig(maxBatchSize: maxBatchSize ?? defaults.batching.maxBatchSize, maxDelayMicros: maxDelayMicros ?? defaults.batching.maxDelayMicros),
                    queueCapacity: queueCapacity ?? defaults.queueCapacity
                )
            }
            let deployment = try await options.client().deploy(pipeline: name, version: version, config: config)
            if options.json { return try printJSON(deployment) }
            print(describe(deployment))
        }
    }

    struct Undeploy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a pipeline's deployment once its queued requests finish.")

        @Argument(help: "The pipeline.")
        var name: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.client().undeploy(pipeline: name)
            if options.json { return try printJSON(["undeployed": name]) }
            print("pipeline \(name) is undeployed")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a pipeline's deployment.")

        @Argument(help: "The pipeline.")
        var name: String

        @Option(help: "The traffic window to summarise: 30s, 5m, 1h.")
        var window = "5m"

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let client = try options.client()
            let deployment = try await client.deployment(pipeline: name)
            let metrics = try await client.metrics(pipeline: name, window: window)
            if options.json { return try printJSON(StatusReply(deployment: deployment, metrics: metrics)) }
            print(describe(deployment))
            func ms(_ seconds: Double?) -> String { seconds.map { String(format: "%.2f ms", $0 * 1000) } ?? "-" }
            print(String(
                format: "  last %@: %.1f requests/s, %.1f rows/s, p50 %@, p95 %@, p99 %@, errors %.2f%%, anomalies %.2f%%",
                window, metrics.requestsPerSecond, metrics.rowsPerSecond, ms(metrics.latencyP50Seconds), ms(metrics.latencyP95Seconds),
                ms(metrics.latencyP99Seconds), metrics.errorRate * 100, metrics.anomalyRate * 100
            ))
        }

        private struct StatusReply: Encodable {
            var deployment: Deployment
            var metrics: PipelineMetricsSummary
        }
    }
}

func describe(_ deployment: Deployment) -> String {
    var text = "pipeline \(deployment.pipeline) version \(deployment.version): \(deployment.state.rawValue)"
    if let error = deployment.error { text += "\n  error: \(error)" }
    let config = deployment.config
    text += "\n  replicas \(deployment.replicas) of \(config.replicas), batching up to \(config.batching.maxBatchSize) rows within \(config.batching.maxDelayMicros) µs, queue capacity \(config.queueCapacity)"
    return text
}

/// How `pipeline show` writes a step: `scaler:1b2c3d4e`, `split(a:1b2c3d4e x3, b:5f6a7b8c x1 by customer)`,
/// `keySplit(region: eu=a:1b2c3d4e, else b:5f6a7b8c)`, `shadow(a:1b2c3d4e vs b:5f6a7b8c)`, `validations(2)`.
func stepText(_ step: PipelineStep) -> String {
    func model(_ reference: ModelReference) -> String {
        "\(reference.name):\((reference.version ?? "?").prefix(8))"
    }
    func weight(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
    switch step {
    case .model(let reference):
        return model(reference)
    case .randomSplit(let split):
        let routes = split.routes.map { "\(model($0.model)) x\(weight($0.weight))" }.joined(separator: ", ")
        return "split(\(routes)\(split.hashKey.map { " by \($0)" } ?? ""))"
    case .keySplit(let split):
        let routes = split.routeNames.compactMap { name in split.routes[name].map { "\(name)=\(model($0))" } }
        return "keySplit(\(split.key): \((routes + ["else \(model(split.default))"]).joined(separator: ", ")))"
    case .shadow(let shadow):
        return "shadow(\(model(shadow.champion)) vs \(shadow.challengers.map(model).joined(separator: ", ")))"
    case .validations(let rules):
        return "validations(\(rules.count))"
    }
}
