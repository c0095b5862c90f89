/// The colours series take in order, chosen to stay apart for common colour blindness.
public enum ChartPalette {
    public static let colors = ["#2563eb", "#f97316", "#16a34a", "#9333ea", "#0891b2", "#ca8a04"]
    /// Positive contributions in bar charts.
    public static let positive = "#dc2626"
    /// Negative contributions in bar charts.
    public static let negative = "#2563eb"

    /// The colour of series number `index`.
    public static func color(_ index: Int) -> String {
        colors[index % colors.count]
    }
}
