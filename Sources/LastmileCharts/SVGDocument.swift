import Foundation

/// Builds one SVG document element by element; every text and attribute value is escaped.
///
/// Charts draw into it with plain shapes; the result is a standalone `<svg>` element that
/// renders the same inline in HTML, as a `.svg` file and as an `image/svg+xml` reply.
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    private var body: [String] = []

    /// An empty drawing of `width` x `height` user units.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Adds an element with attributes in the given order and an optional text content.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String? = nil) {
        var line = "<\(name)"
        for (key, value) in attributes { line += " \(key)=\"\(Self.escape(value))\"" }
        if let text {
            line += ">\(Self.escape(text))</\(name)>"
        } else {
            line += "/>"
        }
        body.append(line)
    }

    /// Opens a group (`<g>`) with attributes; close it with `closeGroup()`.
    public mutating func openGroup(_ attributes: KeyValuePairs<String, String>) {
        var line = "<g"
        for (key, value) in attributes { line += " \(key)=\"\(Self.escape(value))\"" }
        body.append(line + ">")
    }

    /// Closes the innermost open group.
    public mutating func closeGroup() {
        body.append("</g>")
    }

    /// A line from (x1, y1) to (x2, y2).
    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class name: String) {
        element("line", ["x1": Self.number(x1), "y1": Self.number(y1), "x2": Self.number(x2), "y2": Self.number(y2), "class": name])
    }

    /// A rectangle; `title` becomes a tooltip.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, class name: String, fill: String? = nil, title: String? = nil) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(width, 0)))\" height=\"\(Self.number(max(height, 0)))\" class=\"\(Self.escape(name))\""
        if let fill { attributes += " fill=\"\(Self.escape(fill))\"" }
        if let title {
            body.append("<rect \(attributes)><title>\(Self.escape(title))</title></rect>")
        } else {
            body.append("<rect \(attributes)/>")
        }
    }

    /// Text anchored at (x, y).
    public mutating func text(_ value: String, x: Double, y: Double, anchor: String = "start", class name: String) {
        element("text", ["x": Self.number(x), "y": Self.number(y), "text-anchor": anchor, "class": name], text: value)
    }

    /// A polyline or polygon through `points`.
    public mutating func path(_ points: [(Double, Double)], closed: Bool = false, class name: String, stroke: String? = nil, fill: String? = nil) {
        guard let first = points.first else { return }
        var d = "M\(Self.number(first.0)),\(Self.number(first.1))"
        for point in points.dropFirst() { d += " L\(Self.number(point.0)),\(Self.number(point.1))" }
        if closed { d += " Z" }
        var attributes = "d=\"\(d)\" class=\"\(Self.escape(name))\""
        if let stroke { attributes += " stroke=\"\(Self.escape(stroke))\"" }
        if let fill { attributes += " fill=\"\(Self.escape(fill))\"" }
        body.append("<path \(attributes)/>")
    }

    /// The document: an `<svg>` element with a title for screen readers and the chart's styles.
    public func render(title: String) -> String {
        let w = Self.number(width)
        let h = Self.number(height)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lm-chart\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" aria-label=\"\(Self.escape(title))\">"
        out += "<title>\(Self.escape(title))</title>"
        out += "<style>\(Self.style)</style>"
        out += body.joined()
        out += "</svg>"
        return out
    }

    /// Styles inside every chart, so a chart saved as a file looks as it does in the UI.
    static let style = """
    .lm-chart{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:12px;fill:#374151}\
    .bg{fill:#fff}.grid{stroke:#e5e7eb;stroke-width:1}.axis{stroke:#9ca3af;stroke-width:1}\
    .tick{fill:#4b5563}.label{fill:#374151;font-weight:600}.legend{fill:#374151}\
    .series{fill:none;stroke-width:2;stroke-linejoin:round}.area{stroke:none;opacity:.15}\
    .threshold{stroke-width:1.5;stroke-dasharray:6 4}.threshold-label{font-size:11px}\
    .empty{fill:#9ca3af;font-size:13px}.bar{stroke:none}.value{fill:#374151;font-size:11px}
    """

    /// Escapes `&`, `<`, `>`, `"` and `'` for XML text and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newline are not allowed in XML 1.0.
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, scalar.value < 0x20, scalar != "\t", scalar != "\n" {
                    out += "\u{FFFD}"
                } else {
                    out.append(character)
                }
            }
        }
        return out
    }

    /// A coordinate with at most two decimals and no exponent.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.2f", rounded)
    }
}

extension SVGDocument {
    /// Charts one above the other in one SVG document (each keeps its own size and styles).
    public static func stack(_ charts: [String], gap: Double = 12) -> String {
        var y = 0.0
        var width = 0.0
        var inner = ""
        for chart in charts {
            let size = Self.size(of: chart)
            inner += "<g transform=\"translate(0,\(number(y)))\">\(chart)</g>"
            y += size.height + gap
            width = max(width, size.width)
        }
        let height = max(y - gap, 0)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"\(number(width))\" height=\"\(number(height))\">\(inner)</svg>"
    }

    /// The width and height attributes of a chart's root element.
    static func size(of chart: String) -> (width: Double, height: Double) {
        let head = chart.prefix { $0 != ">" }
        func attribute(_ name: String) -> Double {
            guard let range = head.range(of: " \(name)=\"") else { return 0 }
            return Double(head[range.upperBound...].prefix { $0 != "\"" }) ?? 0
        }
        return (attribute("width"), attribute("height"))
    }
}
