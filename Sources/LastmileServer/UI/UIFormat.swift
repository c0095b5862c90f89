import Foundation
import LastmileAPI

/// How the UI writes times, sizes, signatures and steps.
enum UIFormat {
    /// `2026-11-27 01:50:23 UTC`.
    static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d UTC", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// `time` for milliseconds since 1970.
    static func time(millis: Int64) -> String {
        time(Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    /// `X FP32[-1, 6], Y INT64[-1]`.
    static func signature(_ specs: [TensorSpec]) -> String {
        specs.map { "\($0.name) \($0.datatype)[\($0.shape.map(String.init).joined(separator: ", "))]" }.joined(separator: ", ")
    }

    /// `417 B`, `12.3 KiB`, `4.0 MiB`.
    static func bytes(_ count: Int) -> String {
        if count < 1024 { return "\(count) B" }
        if count < 1 << 20 { return String(format: "%.1f KiB", Double(count) / 1024) }
        if count < 1 << 30 { return String(format: "%.1f MiB", Double(count) / 1_048_576) }
        return String(format: "%.1f GiB", Double(count) / 1_073_741_824)
    }

    /// A number with at most four significant digits.
    static func number(_ value: Double) -> String {
        if value == 0 { return "0" }
        return String(format: "%.4g", value)
    }

    /// A rate such as requests per second: two decimals below 100, none above.
    static func rate(_ value: Double) -> String {
        value < 100 ? String(format: "%.2f", value) : String(format: "%.0f", value)
    }

    /// Seconds as `850 µs`, `2.31 ms` or `1.20 s`; `–` for nil.
    static func latency(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        if seconds < 0.001 { return String(format: "%.0f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
        return String(format: "%.2f s", seconds)
    }

    /// One step as the diagram shows it: its kind and its routes.
    struct StepBox {
        var kind: String
        var routes: [String]
    }

    /// The step's kind (its JSON key, so kinds added later show up by name) and its routes.
    static func stepBox(_ step: PipelineStep) -> StepBox {
        let kind = (try? APICoding.encoder().encode(step)).flatMap { data in
            (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        }?.keys.first ?? "step"
        var routes = step.models.map { "\($0.name)" + ($0.version.map { ":" + $0.prefix(8) } ?? "") }
        if case .validations(let rules) = step {
            routes = rules.keys.sorted().map { "\($0): \(rules[$0] ?? "")" }
        }
        return StepBox(kind: kind, routes: routes)
    }
}
