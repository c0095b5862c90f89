/// A loaded ONNX model: its graph and the metadata that matters for running it.
public struct Model: Sendable {
    public var irVersion: Int
    /// Operator set versions by normalised domain (`ai.onnx`, `ai.onnx.ml`, ...).
    public var opsets: [String: Int]
    public var producerName: String
    public var producerVersion: String
    public var graph: Graph
    public var metadata: [String: String]

    public init(irVersion: Int, opsets: [String: Int], producerName: String, producerVersion: String, graph: Graph, metadata: [String: String]) {
        self.irVersion = irVersion
        self.opsets = opsets
        self.producerName = producerName
        self.producerVersion = producerVersion
        self.graph = graph
        self.metadata = metadata
    }

    /// How many nodes of each `domain:OpType` the graph has (subgraphs included).
    public var opHistogram: [String: Int] {
        var counts: [String: Int] = [:]
        func visit(_ graph: Graph) {
            for node in graph.nodes {
                counts[node.domain == Domain.onnx ? node.opType : "\(node.domain):\(node.opType)", default: 0] += 1
                for attribute in node.attributes.values {
                    if case .graph(let g) = attribute { visit(g) }
                    if case .graphs(let gs) = attribute { gs.forEach(visit) }
                }
            }
        }
        visit(graph)
        return counts
    }
}
