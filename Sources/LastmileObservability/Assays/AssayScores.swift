import Foundation
import LastmileAPI

/// The score formulas, over the bins of a baseline and a window.
///
/// `psi`, `sumdiff` and `maxdiff` compare the summaries' shares as aggregated (density or
/// cumulative); `js`, `ks` and `wasserstein` compare the binned distributions (counts over
/// count) and build their own CDFs. Weights multiply each bin's term.
enum AssayScores {
    struct Scored {
        var score: Double
        var terms: [Double]
        var binIndex: Int
        var warning: String?
    }

    /// The share PSI uses in place of an empty one.
    static let psiFloor = 0.005

    static func compute(_ metric: AssayMetric, baseline: AssaySummary, window: AssaySummary, aggregation: AssayAggregation, centres: [Double], std: Double?, weights: [Double]?) -> Scored {
        let b = baseline.shares, w = window.shares
        let p = density(baseline), q = density(window)
        var terms: [Double]
        var sum = true
        var warning: String?
        switch metric {
        case .psi:
            terms = zip(b, w).map { b, w in
                if b == 0 && w == 0 { return 0 }
                let bb = b == 0 ? psiFloor : b, ww = w == 0 ? psiFloor : w
                return (ww - bb) * log(ww / bb)
            }
        case .sumdiff:
            terms = zip(b, w).map { abs($1 - $0) / 2 }
        case .maxdiff:
            terms = zip(b, w).map { abs($1 - $0) }
            sum = false
        case .js:
            terms = zip(p, q).map { p, q in
                let m = (p + q) / 2
                func part(_ x: Double) -> Double { x > 0 ? x * log(x / m) : 0 }
                return (part(p) + part(q)) / 2 / log(2.0)
            }
        case .ks:
            terms = zip(running(p), running(q)).map { abs($1 - $0) }
            sum = false
        case .wasserstein:
            let cp = running(p), cq = running(q)
            let scale: Double
            if let std, std > 0 {
                scale = std
            } else {
                scale = 1
                warning = "the baseline's standard deviation is 0, so the Wasserstein distance is not divided by it"
            }
            terms = (0..<p.count).map { i in
                i + 1 < centres.count ? abs(cq[i] - cp[i]) * (centres[i + 1] - centres[i]) / scale : 0
            }
        }
        if let weights { terms = zip(terms, weights).map { $0 * $1 } }
        var binIndex = 0
        for i in terms.indices where terms[i] > terms[binIndex] { binIndex = i }
        var score = sum ? terms.reduce(0, +) : (terms.max() ?? 0)
        if metric == .js { score = Swift.max(score, 0).squareRoot() }
        return Scored(score: score, terms: terms, binIndex: binIndex, warning: warning)
    }

    /// Counts over the summary's count.
    static func density(_ summary: AssaySummary) -> [Double] {
        summary.counts.map { summary.count > 0 ? Double($0) / Double(summary.count) : 0 }
    }

    /// Running sums.
    static func running(_ values: [Double]) -> [Double] {
        var total = 0.0
        return values.map { total += $0; return total }
    }
}
