import LastmileTensor

extension Optimizer {
    /// Removes Identity nodes, and Dropout nodes whose mask nobody reads, by pointing their
    /// readers at their input. Nodes whose output is a graph output, or is read by a subgraph,
    /// stay (renaming would change the graph's signature or a subgraph's captures).
    func eliminateIdentities(_ graph: Graph) -> Graph {
        var graph = graph
        let graphOutputs = Set(graph.outputs.map(\.name))
        let captured = graph.nodes.reduce(into: Set<String>()) { $0.formUnion($1.subgraphCaptures) }
        var alias: [String: String] = [:]
        graph.nodes.removeAll { node in
            guard node.domain == Domain.onnx, node.opType == "Identity" || node.opType == "Dropout",
                  let input = node.inputs.first, !input.isEmpty,
                  let output = node.outputs.first, !output.isEmpty,
                  !graphOutputs.contains(output), !captured.contains(output) else { return false }
            if node.opType == "Dropout" {
                let maskRead = node.outputs.count > 1 && !node.outputs[1].isEmpty
                let trainingGiven = node.inputs.count > 2 && !node.inputs[2].isEmpty
                if maskRead || trainingGiven { return false }
            }
            alias[output] = input
            return true
        }
        func resolve(_ name: String) -> String {
            var current = name
            var steps = 0
            while let next = alias[current], steps < alias.count {
                current = next
                steps += 1
            }
            return current
        }
        for i in graph.nodes.indices {
            graph.nodes[i].inputs = graph.nodes[i].inputs.map { $0.isEmpty ? $0 : resolve($0) }
        }
        return graph
    }

    /// Removes nodes none of whose outputs is read, and initializers nothing reads, until none
    /// are left. Nodes with no outputs at all are kept.
    func removeDeadNodes(_ graph: Graph) -> Graph {
        var graph = graph
        while true {
            let reads = Self.readCounts(graph)
            let before = graph.nodes.count
            graph.nodes.removeAll { node in
                !node.outputs.isEmpty && node.outputs.allSatisfy { $0.isEmpty || reads[$0, default: 0] == 0 }
            }
            if graph.nodes.count == before { break }
        }
        let reads = Self.readCounts(graph)
        let inputs = Set(graph.inputs.map(\.name))
        graph.initializers = graph.initializers.filter { inputs.contains($0.key) || reads[$0.key, default: 0] > 0 }
        return graph
    }
}
