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
}
