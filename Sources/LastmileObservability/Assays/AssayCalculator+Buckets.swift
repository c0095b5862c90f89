import LastmileAPI

extension AssayBucket {
    /// An empty bucket over `bins`.
    public init(bins: AssayBins) {
        self.init(counts: [Int](repeating: 0, count: bins.count))
    }

    /// Adds one value: binned when finite, counted as missing otherwise.
    public mutating func add(_ value: Double, bins: AssayBins) {
        guard value.isFinite else {
            missing += 1
            return
        }
        counts[bins.index(of: value)] += 1
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        m2 += delta * (value - mean)
        min = Swift.min(min ?? value, value)
        max = Swift.max(max ?? value, value)
    }

    /// Adds the values of `other`, a bucket over the same bins.
    public mutating func merge(_ other: AssayBucket) {
        guard other.count > 0 || other.missing > 0 else { return }
        missing += other.missing
        guard other.count > 0 else { return }
        for index in counts.indices where index < other.counts.count { counts[index] += other.counts[index] }
        let total = count + other.count
        let delta = other.mean - mean
        m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / Double(total)
        mean += delta * Double(other.count) / Double(total)
        count = total
        if let otherMin = other.min { min = Swift.min(min ?? otherMin, otherMin) }
        if let otherMax = other.max { max = Swift.max(max ?? otherMax, otherMax) }
    }
}

extension AssayCalculator {
    /// A window's summary from the buckets of its minutes.
    ///
    /// Counts, min, max, mean and std are exact (up to rounding); the median cannot be known
    /// from counts, so it is nil and the summary says so in `warnings`.
    public static func window(buckets: some Sequence<AssayBucket>, baseline: Baseline, aggregation: AssayAggregation) -> AssaySummary {
        var total = AssayBucket(bins: baseline.bins)
        for bucket in buckets { total.merge(bucket) }
        let counts = total.counts
        var shares = counts.map { total.count > 0 ? Double($0) / Double(total.count) : 0 }
        if aggregation == .cumulative {
            var running = 0.0
            shares = shares.map { running += $0; return running }
        }
        let filled = total.count > 0
        return AssaySummary(
            count: total.count, missing: total.missing, min: total.min, max: total.max,
            mean: filled ? total.mean : nil, median: nil, std: filled ? (total.m2 / Double(total.count)).squareRoot() : nil,
            edges: baseline.bins.edges, labels: baseline.bins.labels, counts: counts, shares: shares,
            warnings: filled ? ["summed from per-minute buckets, which keep no median"] : nil
        )
    }
}
