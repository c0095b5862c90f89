extension Optimizer {
    /// Fuses Relu, LeakyRelu, Sigmoid, Tanh and Clip (constant bounds) into the Gemm, Conv or
    /// MatMul that feeds them, when that node's only reader is the activation and both work on
    /// float32 (known from the float32 constant weights of the producer).
    func fuseActivations(_ graph: Graph) -> Graph {
        let constants = Self.constants(graph)
        let fusable: Set<String> = ["Gemm", "Conv", "MatMul"]
        return Self.fuseWithProducers(graph) { node, producerOf in
            guard let activation = FusedActivation(node: node, constants: constants),
                  let output = node.outputs.first, !output.isEmpty,
                  let producer = producerOf(node.inputs[0]),
                  producer.domain == Domain.onnx, fusable.contains(producer.opType),
                  producer.fusedActivation == nil,
                  producer.inputs.count >= 2, constants[producer.inputs[1]]?.dtype == .float32 else { return nil }
            var fused = producer
            fused.fusedActivation = activation
            fused.outputs = [output]
            fused.name = "\(producer.name)+\(node.name)"
            return Fusion(node: fused, consumed: node.inputs[0])
        }
    }
}
