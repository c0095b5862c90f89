/// A fixed-bucket latency histogram for percentiles over a window.
///
/// Buckets grow by 10% from 1 µs to about 100 s, so a percentile read from the histogram is
/// within 10% of the true value; merging is adding counts, which keeps per-second windows cheap.
public struct LatencyHistogram: Sendable, Equatable {
    /// The upper bound of each bucket, in nanoseconds; the last bucket takes everything larger.
    static let bounds: [Double] = {
        var bounds: [Double] = []
        var bound = 1_000.0
        while bound < 100e9 {
            bounds.append(bound)
            bound *= 1.1
        }
        return bounds
    }()

    private(set) var counts: [UInt32]
    /// Values recorded.
    public private(set) var total: Int = 0

    public init() {
        counts = Array(repeating: 0, count: Self.bounds.count + 1)
    }

    /// Records one latency in nanoseconds.
    public mutating func record(nanoseconds: UInt64) {
        let value = Double(nanoseconds)
        // Binary search for the first bound >= value.
        var low = 0
        var high = Self.bounds.count
        while low < high {
            let mid = (low + high) / 2
            if Self.bounds[mid] < value { low = mid + 1 } else { high = mid }
        }
        counts[low] &+= 1
        total += 1
    }

    /// Adds another histogram's counts to this one.
    public mutating func merge(_ other: LatencyHistogram) {
        for index in counts.indices { counts[index] &+= other.counts[index] }
        total += other.total
    }

    /// The latency at quantile `q` (0...1) in seconds: the upper bound of the bucket holding it;
    /// nil when empty.
    public func quantile(_ q: Double) -> Double? {
        guard total > 0 else { return nil }
        let rank = max(1, Int((q * Double(total)).rounded(.up)))
        var seen = 0
        for (index, count) in counts.enumerated() {
            seen += Int(count)
            if seen >= rank {
                let bound = index < Self.bounds.count ? Self.bounds[index] : Self.bounds[Self.bounds.count - 1] * 1.1
                return bound / 1e9
            }
        }
        return nil
    }
}

extension LatencyHistogram {
    /// Removes an earlier snapshot's counts from this one (what was recorded in between);
    /// `other` must have been taken from the same running histogram before this one.
    public mutating func subtract(_ other: LatencyHistogram) {
        for index in counts.indices { counts[index] &-= min(counts[index], other.counts[index]) }
        total = counts.reduce(0) { $0 + Int($1) }
    }
}
