/// Prints rows as aligned columns under a header, for the CLI's human-readable output.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) {
        self.headers = headers
    }

    init(headers: [String]) {
        self.headers = headers
    }

    mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    var rendered: String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}

/// Prints a value as Lastmile JSON (pretty, sorted keys).
func printJSON(_ value: some Encodable) throws {
    let encoder = APICodingPretty.encoder()
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

import Foundation
import LastmileAPI

private enum APICodingPretty {
    static func encoder() -> JSONEncoder {
        let encoder = APICoding.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return encoder
    }
}

/// A size in bytes as people read it: `1.2 MB`.
func humanBytes(_ count: Int) -> String {
    let units = ["B", "KB", "MB", "GB"]
    var value = Double(count)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
}

/// A date as `2026-11-26 20:33:00`.
func humanDate(_ date: Date) -> String {
    let text = APICoding.formatDate(date)
    return String(text.prefix(19)).replacingOccurrences(of: "T", with: " ")
}

/// A tensor signature as `x FP32[-1, 4], y INT64[-1]`.
func signatureText(_ specs: [TensorSpec]) -> String {
    specs.map { "\($0.name) \($0.datatype)\($0.shape)" }.joined(separator: ", ")
}
