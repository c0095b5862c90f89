import Foundation
import LastmileAPI

/// The windows of an assay in milliseconds: window i covers [start + i * interval, start + i * interval + width).
public struct AssayWindowPlan: Sendable, Equatable {
    public var startMillis: Int64
    public var widthMillis: Int64
    public var intervalMillis: Int64

    /// The plan of `windows`; throws `badInput` for a duration that does not parse.
    public init(_ windows: AssayWindows) throws {
        startMillis = Int64((windows.start.timeIntervalSince1970 * 1000).rounded())
        widthMillis = try Self.millis(windows.width, name: "windows.width")
        intervalMillis = try windows.interval.map { try Self.millis($0, name: "windows.interval") } ?? widthMillis
    }

    public init(startMillis: Int64, widthMillis: Int64, intervalMillis: Int64) {
        self.startMillis = startMillis
        self.widthMillis = widthMillis
        self.intervalMillis = intervalMillis
    }

    /// Window `index`'s start and (exclusive) end.
    public func window(_ index: Int) -> (start: Int64, end: Int64) {
        let start = startMillis + Int64(index) * intervalMillis
        return (start, start + widthMillis)
    }

    /// Milliseconds in a minute, the width of an assay bucket.
    public static let minute: Int64 = 60_000

    /// Whether every window starts and ends on a whole minute, so it can be summed from
    /// per-minute buckets.
    public var isMinuteAligned: Bool {
        startMillis % Self.minute == 0 && widthMillis % Self.minute == 0 && intervalMillis % Self.minute == 0
    }

    /// The start of the minute holding `millis`.
    public static func minuteStart(_ millis: Int64) -> Int64 {
        millis - ((millis % minute) + minute) % minute
    }

    /// How many windows have closed (their end at or before `nowMillis`).
    public func closedCount(at nowMillis: Int64) -> Int {
        let firstEnd = startMillis + widthMillis
        guard nowMillis >= firstEnd else { return 0 }
        return Int((nowMillis - firstEnd) / intervalMillis) + 1
    }

    /// Milliseconds in a duration such as `500ms`, `30s`, `15m`, `1h` or `7d`, at most 366 days.
    public static func millis(_ text: String, name: String) throws -> Int64 {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        guard let (unit, scale) = units.first(where: { text.hasSuffix($0.0) }), let count = Int64(text.dropLast(unit.count)), count > 0 else {
            throw AssayError.badInput("\(name) \"\(text.prefix(20))\" is not a duration such as 30s, 15m, 1h or 1d")
        }
        let (value, overflow) = count.multipliedReportingOverflow(by: scale)
        guard !overflow, value <= 366 * 86_400_000 else {
            throw AssayError.badInput("\(name) \"\(text.prefix(20))\" is longer than 366 days")
        }
        return value
    }
}
