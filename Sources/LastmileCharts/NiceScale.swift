import Foundation

/// An axis range with "nice" tick values (1, 2 or 5 times a power of ten) that covers the data.
public struct NiceScale: Sendable, Equatable {
    /// The first tick, at or below the data's minimum.
    public let lower: Double
    /// The last tick, at or above the data's maximum.
    public let upper: Double
    /// The distance between ticks.
    public let step: Double

    /// A scale covering [`minimum`, `maximum`] with about `ticks` intervals.
    ///
    /// An empty or single-valued range gets a unit-wide scale around the value; non-finite
    /// bounds are treated as 0.
    public init(minimum: Double, maximum: Double, ticks: Int = 5) {
        var low = minimum.isFinite ? minimum : 0
        var high = maximum.isFinite ? maximum : 0
        if low > high { swap(&low, &high) }
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
            if minimum >= 0, low < 0 { low = 0 }
        }
        let step = Self.niceNumber((high - low) / Double(max(ticks, 1)), round: true)
        self.step = step
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
    }

    /// The tick values from `lower` to `upper`.
    public var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...max(count, 0)).map { Self.clean(lower + Double($0) * step) }
    }

    /// The tick's label: as many decimals as the step needs, no more.
    public func label(_ value: Double) -> String {
        let decimals = max(0, Int(-(log10(step)).rounded(.down)))
        if abs(value) >= 1e6 || (abs(value) > 0 && abs(value) < 1e-4) {
            return String(format: "%.3g", value)
        }
        return String(format: "%.\(min(decimals, 6))f", value)
    }

    /// Where `value` falls in [0, 1] along the scale.
    public func fraction(_ value: Double) -> Double {
        upper > lower ? (value - lower) / (upper - lower) : 0
    }

    /// 1, 2, 5 or 10 times a power of ten, near `value` (rounded) or at least `value` (ceiling).
    static func niceNumber(_ value: Double, round: Bool) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let exponent = log10(value).rounded(.down)
        let fraction = value / pow(10, exponent)
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * pow(10, exponent)
    }

    /// Removes floating-point noise such as 0.30000000000000004.
    private static func clean(_ value: Double) -> Double {
        let scaled = (value * 1e9).rounded() / 1e9
        return scaled == 0 ? 0 : scaled
    }
}

/// Tick positions for a time axis: round seconds, minutes, hours or days, labelled in UTC.
public struct TimeScale: Sendable {
    /// Seconds since 1970 at the axis's ends.
    public let start: Double
    public let end: Double
    /// Seconds between ticks.
    public let step: Double

    private static let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172_800, 604_800]

    /// A scale over [`start`, `end`] (seconds since 1970) with about `ticks` ticks.
    public init(start: Double, end: Double, ticks: Int = 6) {
        let low = min(start, end)
        let high = max(start, end) > low ? max(start, end) : low + 60
        self.start = low
        self.end = high
        let wanted = (high - low) / Double(max(ticks, 1))
        step = Self.steps.first { $0 >= wanted } ?? (wanted / 86400).rounded(.up) * 86400
    }

    /// The ticks inside the range, at whole multiples of the step.
    public var ticks: [Double] {
        var values: [Double] = []
        var tick = (start / step).rounded(.up) * step
        while tick <= end, values.count < 100 {
            values.append(tick)
            tick += step
        }
        return values
    }

    /// Where `value` falls in [0, 1] along the scale.
    public func fraction(_ value: Double) -> Double {
        (value - start) / (end - start)
    }

    /// `HH:mm:ss` for steps under a minute, `HH:mm` under a day, else `MM-dd` (UTC).
    public func label(_ value: Double) -> String {
        let seconds = Int64(value.rounded(.down))
        let dayCount = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - dayCount * 86400
        let h = secondOfDay / 3600, m = (secondOfDay % 3600) / 60, s = secondOfDay % 60
        if step < 60 { return String(format: "%02d:%02d:%02d", h, m, s) }
        if step < 86400 { return String(format: "%02d:%02d", h, m) }
        let date = Date(timeIntervalSince1970: value)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.month, .day], from: date)
        return String(format: "%02d-%02d", parts.month ?? 0, parts.day ?? 0)
    }
}
