extension Optimizer {
    /// Fuses Relu, LeakyRelu, Sigmoid, Tanh and Clip (constant bounds) into the Gemm, Conv or
    /// MatMul that feeds them, when that node's only reader is the activation and both work on
    /// float32 (known from the float32 constant weights of the producer). An Add (a residual
    /// connection) takes the activation too when one of its operands comes from such a node,
    /// which makes its output float32 as well.
    func fuseActivations(_ graph: Graph) -> Graph {
        let constants = Self.constants(graph)
        let products: Set<String> = ["Gemm", "Conv", "MatMul"]
        func isFloat32Product(_ node: Node) -> Bool {
            node.domain == Domain.onnx && products.contains(node.opType)
                && node.inputs.count >= 2 && constants[node.inputs[1]]?.dtype == .float32
        }
        var producers: [String: Node] = [:]
        for node in graph.nodes {
            for output in node.outputs where !output.isEmpty { producers[output] = node }
        }
        func isFloat32Sum(_ node: Node) -> Bool {
            node.domain == Domain.onnx && node.opType == "Add" && node.inputs.count == 2
                && node.inputs.contains { producers[$0].map(isFloat32Product) == true }
        }
        return Self.fuseWithProducers(graph) { node, producerOf in
            guard let activation = FusedActivation(node: node, constants: constants),
                  let output = node.outputs.first, !output.isEmpty,
                  let producer = producerOf(node.inputs[0]),
                  producer.fusedActivation == nil,
                  isFloat32Product(producer) || isFloat32Sum(producer) else { return nil }
            var fused = producer
            fused.fusedActivation = activation
            fused.outputs = [output]
            fused.name = "\(producer.name)+\(node.name)"
            return Fusion(node: fused, consumed: node.inputs[0])
        }
    }
}
