import LastmileTensor

extension Optimizer {
    /// Ops whose result is not a function of their inputs, which must never be folded.
    static let nondeterministic: Set<String> = [
        "RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike", "Multinomial", "Bernoulli",
    ]

    /// Runs, at compile time, every node whose inputs are all constants, and replaces it with
    /// initializers holding its outputs. Nodes with subgraphs, non-tensor outputs, outputs
    /// larger than `foldLimit`, or that fail, are left for run time.
    func foldConstants(_ graph: Graph) -> Graph {
        var graph = graph
        var constants = Self.constants(graph)
        var remaining: [Node] = []
        for node in Self.topologicallySorted(graph.nodes, available: Set(graph.inputs.map(\.name)).union(graph.initializers.keys)) {
            let foldable = !Self.nondeterministic.contains(node.opType)
                && node.subgraphCaptures.isEmpty
                && !node.attributes.values.contains(where: { if case .graph = $0 { true } else { false } })
                && node.inputs.allSatisfy { $0.isEmpty || constants[$0] != nil }
                && !node.outputs.isEmpty
            guard foldable, let outputs = evaluate(node, constants: constants) else {
                remaining.append(node)
                continue
            }
            for (name, tensor) in zip(node.outputs, outputs) where !name.isEmpty {
                constants[name] = tensor
                graph.initializers[name] = tensor
            }
        }
        graph.nodes = remaining
        return graph
    }

    /// The node's outputs computed on constant inputs, or nil when it cannot be folded.
    private func evaluate(_ node: Node, constants: [String: Tensor]) -> [Tensor]? {
        guard let factory = registry.factory(domain: node.domain, opType: node.opType) else { return nil }
        let opset = opsets[node.domain] ?? 1
        do {
            let kernel = try factory(NodeContext(node: node, opset: opset, constants: constants, opsets: opsets, registry: registry))
            let inputs = node.inputs.map { $0.isEmpty ? nil : constants[$0].map(Value.tensor) }
            let results = try kernel.run(KernelInputs(values: inputs, names: node.inputs))
            guard results.count >= node.outputs.filter({ !$0.isEmpty }).count else { return nil }
            var tensors: [Tensor] = []
            for (index, value) in results.prefix(node.outputs.count).enumerated() {
                guard case .tensor(let tensor) = value, tensor.count <= Self.foldLimit else {
                    if node.outputs[index].isEmpty { tensors.append(Tensor.zeros(.float32, shape: [0])); continue }
                    return nil
                }
                tensors.append(tensor)
            }
            return tensors
        } catch {
            return nil
        }
    }

    /// Nodes in an order where producers come before readers (the model's order when it
    /// already is one); nodes in a cycle or reading unknown values keep their relative order
    /// at the end.
    static func topologicallySorted(_ nodes: [Node], available: Set<String>) -> [Node] {
        var known = available
        known.insert("")
        var pending = nodes
        var sorted: [Node] = []
        var progress = true
        while !pending.isEmpty && progress {
            progress = false
            var next: [Node] = []
            for node in pending {
                if node.inputs.allSatisfy(known.contains) && node.subgraphCaptures.allSatisfy({ known.contains($0) || !pendingProduces(pending, $0) }) {
                    sorted.append(node)
                    known.formUnion(node.outputs)
                    progress = true
                } else {
                    next.append(node)
                }
            }
            pending = next
        }
        return sorted + pending
    }

    private static func pendingProduces(_ nodes: [Node], _ name: String) -> Bool {
        nodes.contains { $0.outputs.contains(name) }
    }
}
