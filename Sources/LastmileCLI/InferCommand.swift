import ArgumentParser
import Foundation
import LastmileAPI
import LastmileClient

/// `lastmile infer`: sends records JSON to a deployed pipeline.
struct InferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infer",
        abstract: "Run rows through a deployed pipeline.",
        discussion: "The input is records JSON: a list of row objects mapping input names to values, e.g. [{\"x\": [1.0, 2.0]}].")

    @Argument(help: "The pipeline.")
    var pipeline: String

    @Option(name: .shortAndLong, help: "The records JSON file, or - for standard input.")
    var input = "-"

    @OptionGroup var options: ClientOptions

    func run() async throws {
        let body: Data
        if input == "-" {
            body = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let data = FileManager.default.contents(atPath: input) else { throw CLIError(.badInput, "cannot read \(input)") }
            body = data
        }
        let reply = try await options.client().infer(pipeline: pipeline, recordsJSON: body)
        if options.json {
            print(String(decoding: reply, as: UTF8.self))
            return
        }
        let records = try APICoding.decoder().decode([InferenceRecord].self, from: reply)
        let outputs = records.first.map { $0.out.keys.sorted() } ?? []
        var table = TextTable(headers: ["ROW"] + outputs)
        for (index, record) in records.enumerated() {
            table.rows.append([String(index)] + outputs.map { record.out[$0]?.compactDescription ?? "" })
        }
        print(table.rendered)
        if let first = records.first {
            print("pipeline \(first.metadata.pipeline) version \(first.metadata.pipelineVersion), \(records.count) row(s) in \(Double(first.metadata.elapsedNs) / 1e6) ms")
        }
    }
}
