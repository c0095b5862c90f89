import LastmileTensor

/// Rewrites a graph into an equivalent one that runs faster. Each pass keeps the graph's
/// inputs, outputs and results; tests run optimised against unoptimised plans on every fixture
/// and conformance case.
package struct Optimizer {
    package var opsets: [String: Int]
    package var registry: OpRegistry
    /// Folded constants larger than this many elements are left to run time, so a model cannot
    /// make compilation allocate without bound.
    package static let foldLimit = 1 << 20

    package init(opsets: [String: Int], registry: OpRegistry) {
        self.opsets = opsets
        self.registry = registry
    }

    /// The optimised graph.
    package func optimize(_ graph: Graph) -> Graph {
        var graph = graph
        graph = eliminateIdentities(graph)
        graph = foldConstants(graph)
        graph = fuseMatMulAdd(graph)
        graph = foldBatchNormalizationIntoConv(graph)
        graph = fuseActivations(graph)
        graph = removeDeadNodes(graph)
        return graph
    }

    // MARK: - Helpers shared by the passes

    /// How many times each value is read: by node inputs, subgraph captures and graph outputs.
    static func readCounts(_ graph: Graph) -> [String: Int] {
        var counts: [String: Int] = [:]
        for node in graph.nodes {
            for input in node.inputs where !input.isEmpty { counts[input, default: 0] += 1 }
            for name in node.subgraphCaptures { counts[name, default: 0] += 1 }
        }
        for output in graph.outputs { counts[output.name, default: 0] += 1 }
        return counts
    }

    /// Initializers that are not graph inputs: values fixed for every run.
    static func constants(_ graph: Graph) -> [String: Tensor] {
        let inputs = Set(graph.inputs.map(\.name))
        return graph.initializers.filter { !inputs.contains($0.key) }
    }

    /// A node merged with the producer of one of its inputs.
    struct Fusion {
        var node: Node
        /// The input whose producer the fused node replaces.
        var consumed: String
        var initializers: [String: Tensor] = [:]
    }

    /// Replaces each node for which `fuse` returns a fusion by the fused node, and drops the
    /// producer it consumed. `producer(name)` offers only nodes whose one output `name` nothing
    /// but this node reads, and that no earlier fusion consumed.
    static func fuseWithProducers(_ graph: Graph, _ fuse: (_ node: Node, _ producer: (String) -> Node?) -> Fusion?) -> Graph {
        var graph = graph
        let reads = readCounts(graph)
        var producers: [String: Int] = [:]
        for (i, node) in graph.nodes.enumerated() {
            for output in node.outputs where !output.isEmpty { producers[output] = i }
        }
        var removed = Set<Int>()
        for i in graph.nodes.indices {
            let nodes = graph.nodes
            func producer(_ name: String) -> Node? {
                guard let p = producers[name], p != i, !removed.contains(p),
                      nodes[p].outputs == [name], reads[name, default: 0] == 1 else { return nil }
                return nodes[p]
            }
            guard let fusion = fuse(nodes[i], producer), let p = producers[fusion.consumed] else { continue }
            graph.nodes[i] = fusion.node
            graph.initializers.merge(fusion.initializers) { _, new in new }
            removed.insert(p)
        }
        graph.nodes = graph.nodes.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
        return graph
    }
}
