extension Optimizer {
    /// Fuses Relu, LeakyRelu, Sigmoid, Tanh and Clip (constant bounds) into the Gemm, Conv or
    /// MatMul that feeds them, when that node's only reader is the activation and both work on
    /// float32 (known from the float32 constant weights of the producer).
    func fuseActivations(_ graph: Graph) -> Graph {
        var graph = graph
        let constants = Self.constants(graph)
        let reads = Self.readCounts(graph)
        var producers: [String: Int] = [:]
        for (i, node) in graph.nodes.enumerated() {
            for output in node.outputs where !output.isEmpty { producers[output] = i }
        }
        let fusable: Set<String> = ["Gemm", "Conv", "MatMul"]
        var removed = Set<Int>()
        for (i, node) in graph.nodes.enumerated() {
            guard let activation = FusedActivation(node: node, constants: constants),
                  let output = node.outputs.first, !output.isEmpty,
                  let p = producers[node.inputs[0]], !removed.contains(p) else { continue }
            let producer = graph.nodes[p]
            guard producer.domain == Domain.onnx, fusable.contains(producer.opType),
                  producer.fusedActivation == nil,
                  producer.outputs.count == 1, reads[producer.outputs[0], default: 0] == 1,
                  producer.inputs.count >= 2, constants[producer.inputs[1]]?.dtype == .float32 else { continue }
            var fused = producer
            fused.fusedActivation = activation
            fused.outputs = [output]
            fused.name = "\(producer.name)+\(node.name)"
            graph.nodes[i] = fused
            removed.insert(p)
        }
        graph.nodes = graph.nodes.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
        return graph
    }
}
