import Foundation
import LastmileAPI

/// Draws a baseline and a window histogram side by side as text: two bars per bin, scaled so
/// the largest share fills `width` characters.
enum AssayChart {
    static func render(baseline: AssaySummary, window: AssaySummary, width: Int = 40) -> String {
        let labels = baseline.labels
        let labelWidth = labels.map(\.count).max() ?? 0
        let density = { (summary: AssaySummary) -> [Double] in
            summary.counts.map { summary.count > 0 ? Double($0) / Double(summary.count) : 0 }
        }
        let b = density(baseline), w = density(window)
        let largest = max(b.max() ?? 0, w.max() ?? 0)
        func bar(_ share: Double, _ mark: Character) -> String {
            let length = largest > 0 ? Int((share / largest * Double(width)).rounded()) : 0
            let filled = String(repeating: mark, count: length)
            return filled + String(repeating: " ", count: width - length)
        }
        var lines = ["\(String(repeating: " ", count: labelWidth))   baseline \(baseline.count) values (#), window \(window.count) values (=)"]
        for (index, label) in labels.enumerated() where index < b.count && index < w.count {
            let padded = label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            lines.append("\(padded) B |\(bar(b[index], "#"))| \(String(format: "%5.1f%%", b[index] * 100)) \(baseline.counts[index])")
            lines.append("\(String(repeating: " ", count: labelWidth)) W |\(bar(w[index], "="))| \(String(format: "%5.1f%%", w[index] * 100)) \(window.counts[index])")
        }
        return lines.joined(separator: "\n")
    }
}
