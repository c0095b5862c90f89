/// The binned values of one minute of logged rows for one assay: what windows are summed from,
/// so scoring a window does not rescan the raw log.
///
/// `counts` are over the assay's frozen baseline bins; `mean` and `m2` (the sum of squared
/// deviations from the mean) merge exactly between buckets (Chan et al.).
public struct AssayBucket: Codable, Sendable, Equatable {
    public var counts: [Int]
    public var count: Int
    public var missing: Int
    public var mean: Double
    public var m2: Double
    public var min: Double?
    public var max: Double?

    public init(counts: [Int], count: Int = 0, missing: Int = 0, mean: Double = 0, m2: Double = 0, min: Double? = nil, max: Double? = nil) {
        self.counts = counts
        self.count = count
        self.missing = missing
        self.mean = mean
        self.m2 = m2
        self.min = min
        self.max = max
    }
}
