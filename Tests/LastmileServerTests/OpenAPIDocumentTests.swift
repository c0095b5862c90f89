import Foundation
import LastmileServer
import Testing

/// The `METHOD /path` pairs of docs/openapi.yaml, with path parameters written as `{}`.
private func documentedRoutes() throws -> Set<String> {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
    var routes: Set<String> = []
    var inPaths = false
    var path: String?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("paths:") { inPaths = true; continue }
        if inPaths, let first = line.first, first != " ", first != "#" { inPaths = false }
        guard inPaths else { continue }
        if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
            path = String(line.dropFirst(2).dropLast())
        } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
            let method = line.trimmingCharacters(in: .whitespaces).dropLast()
            if ["get", "post", "put", "delete", "patch"].contains(String(method)) {
                routes.insert("\(method.uppercased()) \(normalise(path))")
            }
        }
    }
    return routes
}

/// A path with every `{name}` or `:name` parameter written as `{}`.
private func normalise(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
        segment.hasPrefix("{") || segment.hasPrefix(":") ? "{}" : String(segment)
    }.joined(separator: "/")
}

@Test func everyRouteIsInTheOpenAPIDocument() throws {
    // Given the server's routes and the API document
    let server = try TestServer()
    defer { server.removeDirectory() }
    let routes = Set(server.server.routeList.map { route in
        let parts = route.split(separator: " ", maxSplits: 1)
        return "\(parts[0]) \(normalise(String(parts[1])))"
    })
    let documented = try documentedRoutes()
    // Then every route is documented, and the document has no routes the server lacks
    #expect(routes.count > 20)
    #expect(routes.subtracting(documented).sorted() == [], "missing from docs/openapi.yaml")
    #expect(documented.subtracting(routes).sorted() == [], "documented but not served")
}
