import Foundation
import LastmileCharts

/// Writes the charts of a command's `--svg FILE` option, one above the other in one file.
enum SVGOutput {
    static func write(_ charts: [String], to path: String) throws {
        let text = charts.count == 1 ? charts[0] : SVGDocument.stack(charts)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CLIError(.badInput, "--svg: cannot write \(path): \(error.localizedDescription)")
        }
        FileHandle.standardError.write(Data("chart written to \(path)\n".utf8))
    }
}
