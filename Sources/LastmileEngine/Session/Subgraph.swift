import LastmileTensor

/// A compiled graph attribute (If branch, Loop or Scan body): runs with positional inputs and
/// the values it reads from enclosing graphs.
package struct Subgraph: Sendable {
    package let plan: Plan
    package let inputNames: [String]
    package let outputNames: [String]

    package init(graph: Graph, opsets: [String: Int], registry: OpRegistry) throws {
        self.plan = try Plan(graph: graph, opsets: opsets, registry: registry, outerScope: graph.capturedNames)
        self.inputNames = graph.inputs.map(\.name)
        self.outputNames = graph.outputs.map(\.name)
    }

    /// Runs the subgraph on `inputs` (in declared order) and returns its outputs in order,
    /// with the buffers of the run that calls it.
    package func run(_ inputs: [Value], captured: [String: Value]) throws -> [Value] {
        guard inputs.count <= inputNames.count else {
            throw OpError("subgraph takes \(inputNames.count) inputs, got \(inputs.count)")
        }
        var slots = plan.initialSlots
        for (name, slot) in plan.capturedSlots {
            guard let value = captured[name] else {
                throw OpError("subgraph reads \"\(name)\", which the enclosing graph does not provide")
            }
            slots[slot] = value
        }
        for (name, value) in zip(inputNames, inputs) {
            if let slot = plan.inputSlots[name] { slots[slot] = value }
        }
        try plan.execute(&slots, buffers: BufferPool.current)
        return try plan.outputSlots.map { name, slot in
            guard let value = slots[slot] else { throw OpError("subgraph output \"\(name)\" was not computed") }
            return value
        }
    }
}

extension Graph {
    /// Names the graph's nodes (and nested subgraphs) read that the graph itself does not
    /// define: values captured from enclosing graphs.
    package var capturedNames: Set<String> {
        var defined = Set(inputs.map(\.name)).union(initializers.keys)
        defined.insert("")
        for node in nodes { defined.formUnion(node.outputs) }
        var captured = Set<String>()
        for node in nodes {
            for input in node.inputs where !defined.contains(input) { captured.insert(input) }
            captured.formUnion(node.subgraphCaptures.subtracting(defined))
        }
        return captured
    }
}

extension Node {
    /// Names this node's subgraphs read from the graphs around them.
    package var subgraphCaptures: Set<String> {
        var names = Set<String>()
        for attribute in attributes.values {
            switch attribute {
            case .graph(let graph): names.formUnion(graph.capturedNames)
            case .graphs(let graphs): for graph in graphs { names.formUnion(graph.capturedNames) }
            default: break
            }
        }
        return names
    }
}
