/// A running sum of tensor elements and how many were added: the per-output means the
/// runtime reports for split routes and shadow models, and the route counts that keep them.
public struct ElementSum: Sendable, Equatable {
    public var total: Double
    public var count: Int

    public init(total: Double = 0, count: Int = 0) {
        self.total = total
        self.count = count
    }

    public static func + (a: ElementSum, b: ElementSum) -> ElementSum {
        ElementSum(total: a.total + b.total, count: a.count + b.count)
    }

    public static func - (a: ElementSum, b: ElementSum) -> ElementSum {
        ElementSum(total: a.total - b.total, count: a.count - b.count)
    }

    /// The mean element, nil when nothing was added.
    public var mean: Double? { count > 0 ? total / Double(count) : nil }
}
