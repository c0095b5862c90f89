import ArgumentParser
import Foundation
import LastmileAPI
import LastmileClient

/// `lastmile pipeline logs`: reads or exports a pipeline's inference log.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Show or export a pipeline's logged inferences.",
        discussion: "Without --output, prints a table (or the raw --format). With --output FILE, streams the rows to the file as NDJSON or CSV with a progress line.")

    @Argument(help: "The pipeline.")
    var pipeline: String

    @Option(help: "Only rows from the last duration: 30s, 10m, 2h, 7d.")
    var since: String?

    @Option(help: "Rows at or after this time (ISO 8601).")
    var start: String?

    @Option(help: "Rows at or before this time (ISO 8601).")
    var end: String?

    @Option(help: "Rows at most (the server's default is 100).")
    var limit: Int?

    @Option(help: "asc (oldest first) or desc.")
    var order: String?

    @Flag(help: "Only rows a validation flagged.")
    var anomaly = false

    @Option(help: "json, ndjson or csv.")
    var format: String?

    @Option(name: .shortAndLong, help: "Write the rows to this file instead of printing them.")
    var output: String?

    @OptionGroup var options: ClientOptions

    func run() async throws {
        var from = try start.map { try Self.date($0, "--start") }
        let to = try end.map { try Self.date($0, "--end") }
        if let since {
            guard from == nil else { throw CLIError(.badInput, "give --since or --start, not both") }
            from = Date().addingTimeInterval(-(try Self.seconds(since)))
        }
        if let limit, limit <= 0 { throw CLIError(.badInput, "--limit must be positive") }
        let client = try options.client()
        if let output {
            let format = format ?? (output.hasSuffix(".csv") ? "csv" : "ndjson")
            guard format == "ndjson" || format == "csv" else { throw CLIError(.badInput, "--output writes ndjson or csv, not \(format)") }
            let quiet = options.json
            let bytes = try await client.exportLogs(pipeline: pipeline, to: URL(fileURLWithPath: output), format: format, start: from, end: to, limit: limit, order: order, anomalyOnly: anomaly) { written in
                if !quiet { FileHandle.standardError.write(Data("\rexporting: \(humanBytes(written))".utf8)) }
            }
            if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
            print("wrote \(humanBytes(bytes)) of \(format) to \(output)")
            return
        }
        if let format, format != "json" {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-logs-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: temporary) }
            guard format == "ndjson" || format == "csv" else { throw CLIError(.badInput, "--format must be json, ndjson or csv") }
            try await client.exportLogs(pipeline: pipeline, to: temporary, format: format, start: from, end: to, limit: limit, order: order, anomalyOnly: anomaly)
            FileHandle.standardOutput.write(try Data(contentsOf: temporary))
            return
        }
        let records = try await client.logs(pipeline: pipeline, start: from, end: to, limit: limit, order: order, anomalyOnly: anomaly)
        if options.json { return try printJSON(records) }
        let outputs = records.first.map { $0.out.keys.sorted() } ?? []
        var table = TextTable(headers: ["TIME", "PREDICTION ID"] + outputs + ["ANOMALIES"])
        for record in records {
            let time = humanDate(Date(timeIntervalSince1970: Double(record.time) / 1000))
            table.rows.append([time, record.metadata.predictionId ?? "-"] + outputs.map { record.out[$0]?.compactDescription ?? "" } + [record.anomaly["count"]?.compactDescription ?? "0"])
        }
        print(table.rendered)
        print("\(records.count) row(s)")
    }

    static func date(_ text: String, _ option: String) throws -> Date {
        guard let date = APICoding.parseDate(text) else { throw CLIError(.badInput, "\(option) \"\(text)\" is not an ISO 8601 time such as 2026-11-26T20:00:00Z") }
        return date
    }

    static func seconds(_ text: String) throws -> TimeInterval {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last, let scale = units[unit], let count = Double(text.dropLast()), count > 0 else {
            throw CLIError(.badInput, "--since \"\(text)\" is not a duration such as 30s, 10m, 2h or 7d")
        }
        return count * scale
    }
}
