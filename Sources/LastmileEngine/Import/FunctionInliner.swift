import LastmileONNXProto

/// Expands calls to model-local functions (`ModelProto.functions`) into their nodes, so the
/// engine only ever sees operators.
///
/// Inner values are renamed `<calling node>/<name>` to keep them apart from the caller's,
/// formal inputs and outputs become the call's actual names, and attributes that refer to the
/// caller's (`ref_attr_name`) take the caller's value or the function's default.
struct FunctionInliner {
    private var functions: [String: Onnx_FunctionProto] = [:]
    /// Nested calls deeper than this are taken to be recursion.
    private static let depthLimit = 32

    init(_ protos: [Onnx_FunctionProto]) {
        for function in protos {
            functions[Self.key(Domain.normalized(function.domain), function.name)] = function
        }
    }

    var isEmpty: Bool { functions.isEmpty }

    private static func key(_ domain: String, _ name: String) -> String { "\(domain):\(name)" }

    /// The node, or the nodes of the function it calls, fully expanded.
    func expand(_ node: Onnx_NodeProto, callerName: String, depth: Int = 0) throws -> [Onnx_NodeProto] {
        guard let function = functions[Self.key(Domain.normalized(node.domain), node.opType)] else { return [node] }
        guard depth < Self.depthLimit else {
            throw EngineError(.invalidModel, "function \(node.domain):\(node.opType) calls itself more than \(Self.depthLimit) levels deep")
        }
        var rename: [String: String] = ["": ""]
        for (i, formal) in function.input.enumerated() { rename[formal] = i < node.input.count ? node.input[i] : "" }
        for (i, formal) in function.output.enumerated() { rename[formal] = i < node.output.count ? node.output[i] : "" }
        func mapped(_ name: String) -> String { rename[name] ?? "\(callerName)/\(name)" }

        let callerAttributes = Dictionary(node.attribute.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let defaults = Dictionary(function.attributeProto.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var expanded: [Onnx_NodeProto] = []
        for (index, inner) in function.node.enumerated() {
            var copy = inner
            copy.input = inner.input.map(mapped)
            copy.output = inner.output.map(mapped)
            copy.name = "\(callerName)/\(inner.name.isEmpty ? "\(inner.opType)_\(index)" : inner.name)"
            copy.attribute = inner.attribute.compactMap { attribute in
                guard !attribute.refAttrName.isEmpty else {
                    // Subgraphs (If branches, Loop bodies) read the function's values by their
                    // inner names, which are renamed here too.
                    var renamed = attribute
                    let prefix = "\(copy.name)/\(attribute.name)/"
                    if renamed.hasG { renamed.g = Self.renameCaptures(in: renamed.g, prefix: prefix, mapped) }
                    renamed.graphs = renamed.graphs.map { Self.renameCaptures(in: $0, prefix: prefix, mapped) }
                    return renamed
                }
                guard var value = callerAttributes[attribute.refAttrName] ?? defaults[attribute.refAttrName] else { return nil }
                value.name = attribute.name
                return value
            }
            expanded += try expand(copy, callerName: copy.name, depth: depth + 1)
        }
        return expanded
    }

    /// The subgraph with every name it reads from enclosing graphs passed through `outer`, and
    /// the names it defines prefixed with `prefix` so they cannot collide with the caller's
    /// names that now stand in for the function's (If and Loop bind subgraph inputs and
    /// outputs by position, so renaming them is safe).
    private static func renameCaptures(in graph: Onnx_GraphProto, prefix: String, _ outer: (String) -> String) -> Onnx_GraphProto {
        var defined = Set(graph.input.map(\.name)).union(graph.initializer.map(\.name))
        for node in graph.node { defined.formUnion(node.output) }
        defined.remove("")
        func map(_ name: String) -> String {
            if name.isEmpty { return name }
            return defined.contains(name) ? prefix + name : outer(name)
        }
        var renamed = graph
        for i in renamed.input.indices { renamed.input[i].name = map(renamed.input[i].name) }
        for i in renamed.initializer.indices { renamed.initializer[i].name = map(renamed.initializer[i].name) }
        for i in renamed.node.indices {
            renamed.node[i].input = renamed.node[i].input.map(map)
            renamed.node[i].output = renamed.node[i].output.map(map)
            for j in renamed.node[i].attribute.indices {
                if renamed.node[i].attribute[j].hasG {
                    renamed.node[i].attribute[j].g = renameCaptures(in: renamed.node[i].attribute[j].g, prefix: prefix, map)
                }
                renamed.node[i].attribute[j].graphs = renamed.node[i].attribute[j].graphs.map {
                    renameCaptures(in: $0, prefix: prefix, map)
                }
            }
        }
        for i in renamed.output.indices { renamed.output[i].name = map(renamed.output[i].name) }
        for i in renamed.valueInfo.indices { renamed.valueInfo[i].name = map(renamed.valueInfo[i].name) }
        return renamed
    }
}
