import ArgumentParser
import Foundation
import LastmileAPI

/// The summarizer and threshold flags every assay command shares.
struct AssaySummarizerOptions: ParsableArguments {
    @Option(name: .customLong("bin-mode"), help: "quantile (default), equal or provided.")
    var binMode: String?

    @Option(help: "Bins for quantile and equal modes (default 5).")
    var bins: Int?

    @Option(help: "Edges for provided mode, comma-separated and increasing: 0,0.5,1.")
    var edges: String?

    @Flag(name: .customLong("no-outlier-bins"), help: "Fold values outside the edges into the first and last bins.")
    var noOutlierBins = false

    @Option(help: "density (default) or cumulative.")
    var aggregation: String?

    @Option(help: "psi (default), sumdiff, maxdiff, js, ks or wasserstein.")
    var metric: String?

    @Option(name: .customLong("bin-weights"), help: "One weight per bin, outlier bins included, comma-separated.")
    var binWeights: String?

    @Option(help: "Scores at or above this are warnings.")
    var warning: Double?

    @Option(help: "Scores at or above this are alerts (default 0.25).")
    var alert: Double?

    @Option(name: .customLong("min-count"), help: "Windows with fewer values are insufficient_data.")
    var minCount: Int?

    func summarizer() throws -> AssaySummarizer {
        var summarizer = AssaySummarizer()
        if let binMode {
            guard let mode = AssayBinMode(rawValue: binMode.lowercased()) else {
                throw CLIError(.badInput, "--bin-mode \(binMode) is not one of \(AssayBinMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            summarizer.binMode = mode
        }
        summarizer.numBins = bins
        summarizer.edges = try edges.map { try AssayValueFile.numbers($0, what: "--edges") }
        if edges != nil && binMode == nil { summarizer.binMode = .provided }
        summarizer.outlierBins = !noOutlierBins
        if let aggregation {
            guard let value = AssayAggregation(rawValue: aggregation.lowercased()) else {
                throw CLIError(.badInput, "--aggregation \(aggregation) is not density or cumulative")
            }
            summarizer.aggregation = value
        }
        if let metric {
            guard let value = AssayMetric(rawValue: metric.lowercased()) else {
                throw CLIError(.badInput, "--metric \(metric) is not one of \(AssayMetric.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            summarizer.metric = value
        }
        summarizer.binWeights = try binWeights.map { try AssayValueFile.numbers($0, what: "--bin-weights") }
        return summarizer
    }

    var thresholds: AssayThresholds? {
        warning == nil && alert == nil ? nil : AssayThresholds(warning: warning, alert: alert)
    }
}

/// Values for an assay from a file or the command line.
enum AssayValueFile {
    /// Numbers from a file: a JSON list, or numbers separated by commas, spaces or newlines, where
    /// `nan`, `null` and empty cells count as missing.
    static func read(_ path: String) throws -> [Double?] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError(.badInput, "cannot read \(path); give a file of numbers (JSON list, or one per line)")
        }
        let text = String(decoding: data, as: UTF8.self)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("[") {
            do {
                return try JSONDecoder().decode([Double?].self, from: data)
            } catch {
                throw CLIError(.badInput, "\(path) is not a JSON list of numbers (null for missing): \(error)")
            }
        }
        return try parse(text, what: path)
    }

    /// Numbers separated by commas, spaces or newlines; `nan`, `null` and `-` are missing.
    static func parse(_ text: String, what: String) throws -> [Double?] {
        var values: [Double?] = []
        for (index, cell) in text.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == " " || $0 == "\t" || $0 == "\r" }).enumerated() {
            let cell = cell.trimmingCharacters(in: .whitespaces)
            if ["nan", "null", "-", "na"].contains(cell.lowercased()) {
                values.append(nil)
            } else if let value = Double(cell), value.isFinite {
                values.append(value)
            } else {
                throw CLIError(.badInput, "\(what): value \(index + 1) (\"\(cell.prefix(20))\") is not a number")
            }
        }
        return values
    }

    /// Numbers with no missing ones allowed.
    static func numbers(_ text: String, what: String) throws -> [Double] {
        try parse(text, what: what).enumerated().map { index, value in
            guard let value else { throw CLIError(.badInput, "\(what): value \(index + 1) is missing") }
            return value
        }
    }
}
