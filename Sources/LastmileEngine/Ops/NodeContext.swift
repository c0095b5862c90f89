import LastmileTensor

/// What an op factory knows about its node when a session is built: the node, the opset of its
/// domain, and inputs whose values are already known (initializers that are not graph inputs).
package struct NodeContext: Sendable {
    package var node: Node
    /// The model's opset version for the node's domain.
    package var opset: Int
    /// Values known before any run, by value name.
    package var constants: [String: Tensor]
    /// The model's opsets by domain, for compiling subgraphs.
    package var opsets: [String: Int]
    /// The registry kernels come from, for compiling subgraphs.
    package var registry: OpRegistry

    package init(node: Node, opset: Int, constants: [String: Tensor] = [:], opsets: [String: Int]? = nil, registry: OpRegistry = .standard) {
        self.node = node
        self.opset = opset
        self.constants = constants
        self.opsets = opsets ?? [node.domain: opset]
        self.registry = registry
    }

    /// Compiles the graph attribute `name` (an If branch, a Loop or Scan body) into a subgraph
    /// that may read values of the enclosing graphs.
    package func subgraph(_ name: String) throws -> Subgraph {
        guard let graph = try optionalGraph(name) else {
            throw OpError("required attribute \"\(name)\" is missing")
        }
        return try Subgraph(graph: graph, opsets: opsets, registry: registry)
    }

    /// The value of input `index` when it is known before running (nil otherwise).
    package func constantInput(_ index: Int) -> Tensor? {
        guard index < node.inputs.count, !node.inputs[index].isEmpty else { return nil }
        return constants[node.inputs[index]]
    }

    /// Whether the node names input `index` (a non-empty name).
    package func hasInput(_ index: Int) -> Bool {
        index < node.inputs.count && !node.inputs[index].isEmpty
    }

    package func has(_ name: String) -> Bool { node.attributes[name] != nil }

    // MARK: - Attributes

    private func mismatch(_ name: String, _ attribute: Attribute, _ expected: String) -> OpError {
        OpError("attribute \"\(name)\" is \(attribute.typeName), expected \(expected)")
    }

    private func missing(_ name: String) -> OpError {
        OpError("required attribute \"\(name)\" is missing")
    }

    package func int(_ name: String) throws -> Int {
        guard let value = try optionalInt(name) else { throw missing(name) }
        return value
    }

    package func int(_ name: String, default value: Int) throws -> Int {
        try optionalInt(name) ?? value
    }

    package func optionalInt(_ name: String) throws -> Int? {
        guard let attribute = node.attributes[name] else { return nil }
        guard case .int(let value) = attribute else { throw mismatch(name, attribute, "INT") }
        return value
    }

    package func float(_ name: String) throws -> Float {
        guard let value = try optionalFloat(name) else { throw missing(name) }
        return value
    }

    package func float(_ name: String, default value: Float) throws -> Float {
        try optionalFloat(name) ?? value
    }

    package func optionalFloat(_ name: String) throws -> Float? {
        guard let attribute = node.attributes[name] else { return nil }
        switch attribute {
        case .float(let value): return value
        case .int(let value): return Float(value)
        default: throw mismatch(name, attribute, "FLOAT")
        }
    }

    package func string(_ name: String) throws -> String {
        guard let value = try optionalString(name) else { throw missing(name) }
        return value
    }

    package func string(_ name: String, default value: String) throws -> String {
        try optionalString(name) ?? value
    }

    package func optionalString(_ name: String) throws -> String? {
        guard let attribute = node.attributes[name] else { return nil }
        guard case .string(let value) = attribute else { throw mismatch(name, attribute, "STRING") }
        return value
    }

    package func ints(_ name: String) throws -> [Int] {
        guard let value = try optionalInts(name) else { throw missing(name) }
        return value
    }

    package func ints(_ name: String, default value: [Int]) throws -> [Int] {
        try optionalInts(name) ?? value
    }

    package func optionalInts(_ name: String) throws -> [Int]? {
        guard let attribute = node.attributes[name] else { return nil }
        switch attribute {
        case .ints(let value): return value
        case .int(let value): return [value]
        default: throw mismatch(name, attribute, "INTS")
        }
    }

    package func floats(_ name: String) throws -> [Float] {
        guard let value = try optionalFloats(name) else { throw missing(name) }
        return value
    }

    package func floats(_ name: String, default value: [Float]) throws -> [Float] {
        try optionalFloats(name) ?? value
    }

    package func optionalFloats(_ name: String) throws -> [Float]? {
        guard let attribute = node.attributes[name] else { return nil }
        switch attribute {
        case .floats(let value): return value
        case .float(let value): return [value]
        case .ints(let value): return value.map(Float.init)
        default: throw mismatch(name, attribute, "FLOATS")
        }
    }

    package func strings(_ name: String) throws -> [String] {
        guard let value = try optionalStrings(name) else { throw missing(name) }
        return value
    }

    package func strings(_ name: String, default value: [String]) throws -> [String] {
        try optionalStrings(name) ?? value
    }

    package func optionalStrings(_ name: String) throws -> [String]? {
        guard let attribute = node.attributes[name] else { return nil }
        switch attribute {
        case .strings(let value): return value
        case .string(let value): return [value]
        default: throw mismatch(name, attribute, "STRINGS")
        }
    }

    package func tensor(_ name: String) throws -> Tensor {
        guard let value = try optionalTensor(name) else { throw missing(name) }
        return value
    }

    package func optionalTensor(_ name: String) throws -> Tensor? {
        guard let attribute = node.attributes[name] else { return nil }
        guard case .tensor(let value) = attribute else { throw mismatch(name, attribute, "TENSOR") }
        return value
    }

    package func optionalGraph(_ name: String) throws -> Graph? {
        guard let attribute = node.attributes[name] else { return nil }
        guard case .graph(let value) = attribute else { throw mismatch(name, attribute, "GRAPH") }
        return value
    }
}
