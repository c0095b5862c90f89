import ArgumentParser
import Foundation
import LastmileAPI
import LastmileClient
import LastmileServer

/// `lastmile pipeline explain` (also `lastmile explain`): SHAP values of rows of a deployed
/// pipeline, printed as a ranked bar chart per row and output.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain predictions of a deployed pipeline with SHAP values.",
        discussion: """
            Rows and background are records JSON files (a list of row objects). Without --background, \
            the background is a sample of the pipeline's logged inferences (--start, --end, --background-samples).
            """)

    @Argument(help: "The deployed pipeline.")
    var pipeline: String

    @Option(help: "A records JSON file with the rows to explain.")
    var input: String

    @Option(help: "A records JSON file with background rows (default: logged inferences).")
    var background: String?

    @Option(help: "With a logged background: rows at or after this time (ms since 1970 or ISO 8601).")
    var start: String?

    @Option(help: "With a logged background: rows at or before this time.")
    var end: String?

    @Option(name: .customLong("background-samples"), help: "With a logged background: rows sampled (default 100).")
    var backgroundSamples: Int?

    @Option(help: "The output to explain (default: the first floating-point output).")
    var output: String?

    @Option(help: "auto, exact, kernel, linear or tree.")
    var method: String = "auto"

    @Option(help: "KernelSHAP's coalition budget.")
    var samples: Int?

    @Option(help: "Seeds KernelSHAP's sampling and the background sample.")
    var seed: UInt64?

    @Option(help: "Features shown per chart, largest contributions first.")
    var top = 15

    @Option(help: ArgumentHelp("Also draw each row's contributions as bar charts into this SVG file.", valueName: "file"))
    var svg: String?

    @OptionGroup var options: ClientOptions

    func run() async throws {
        guard let method = ExplainMethod(rawValue: method) else {
            throw CLIError(.badInput, "--method \"\(method)\" is not one of \(ExplainMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let rows = try Self.rows(input, option: "--input")
        let source: ExplainBackground = try background.map { .rows(try Self.rows($0, option: "--background")) }
            ?? .log(start: start, end: end, samples: backgroundSamples)
        let request = ExplainRequest(rows: rows, background: source, output: output, method: method, samples: samples, seed: seed)
        let explanation = try await options.client().explain(pipeline: pipeline, request)
        if let svg {
            let charts = explanation.values.indices.flatMap { row in
                explanation.outputs.indices.map { ChartViews.contributions(explanation, row: row, output: $0, limit: top) }
            }
            try SVGOutput.write(charts, to: svg)
        }
        if options.json { return try printJSON(explanation) }
        print(Self.chart(explanation, top: top))
    }

    static func rows(_ path: String, option: String) throws -> [JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError(.badInput, "\(option): cannot read \(path)") }
        switch try? JSONDecoder().decode(JSONValue.self, from: data) {
        case .array(let rows)?: return rows
        case .object(let row)?: return [.object(row)]
        default: throw CLIError(.badInput, "\(option): \(path) is not records JSON (a list of row objects)")
        }
    }

    /// One ranked bar chart per row and output element: features by |SHAP|, bars to scale.
    static func chart(_ explanation: Explanation, top: Int, width: Int = 40) -> String {
        var lines = ["method \(explanation.method.rawValue)"]
        let nameWidth = min(32, explanation.features.map(\.count).max() ?? 0)
        for (r, row) in explanation.values.enumerated() {
            for (o, output) in explanation.outputs.enumerated() {
                let contributions = row.enumerated().map { (name: explanation.features[$0.offset], value: $0.element[o]) }
                let prediction = contributions.reduce(explanation.baseValues[o]) { $0 + $1.value }
                lines.append("")
                lines.append("row \(r), \(output): base \(format(explanation.baseValues[o])) -> prediction \(format(prediction))")
                let ranked = contributions.sorted { abs($0.value) > abs($1.value) }
                let largest = max(ranked.first.map { abs($0.value) } ?? 0, .leastNonzeroMagnitude)
                for item in ranked.prefix(max(top, 1)) {
                    let length = Int((abs(item.value) / largest * Double(width)).rounded())
                    let bar = String(repeating: item.value < 0 ? "-" : "+", count: length)
                    let name = item.name.count > nameWidth ? String(item.name.prefix(nameWidth - 1)) + "…" : item.name
                    lines.append("  \(name.padding(toLength: nameWidth, withPad: " ", startingAt: 0))  \(format(item.value).leftPadded(to: 11))  \(bar)")
                }
                if ranked.count > top { lines.append("  (\(ranked.count - top) more features)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ value: Double) -> String {
        String(format: "%+.4g", value)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
