import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One parsed SVG element: its name, attributes and text.
struct ParsedElement: Sendable {
    var name: String
    var attributes: [String: String]
    var text: String
}

/// Parses `svg` as XML, returning every element in document order; throws if it is not
/// well-formed XML.
func parseSVG(_ svg: String) throws -> [ParsedElement] {
    let delegate = CollectingDelegate()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = delegate
    guard parser.parse() else {
        throw SVGParseError(description: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")")
    }
    return delegate.elements
}

struct SVGParseError: Error, CustomStringConvertible {
    var description: String
}

private final class CollectingDelegate: NSObject, XMLParserDelegate {
    var elements: [ParsedElement] = []
    private var open: [Int] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(ParsedElement(name: elementName, attributes: attributes, text: ""))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let index = open.last { elements[index].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        _ = open.popLast()
    }
}

extension [ParsedElement] {
    /// Elements named `name` whose class attribute is `className`.
    func named(_ name: String, class className: String? = nil) -> [ParsedElement] {
        filter { $0.name == name && (className == nil || $0.attributes["class"] == className) }
    }
}

extension ParsedElement {
    func number(_ attribute: String) -> Double {
        Double(attributes[attribute] ?? "") ?? .nan
    }
}
