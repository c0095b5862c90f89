import LastmileEngine
import LastmileTensor

/// Runs one operator in isolation, for op tests.
public enum OpHarness {
    /// Builds the op's kernel and runs it; inputs whose index is in `constantInputs` are also
    /// known when the kernel is built, as initializers are in a session.
    public static func outputs(
        _ op: String, domain: String = Domain.onnx, opset: Int = 17, _ inputs: [Tensor?],
        _ attributes: [String: Attribute] = [:], outputs: Int = 1, constantInputs: Set<Int> = []
    ) throws -> [Tensor] {
        try values(op, domain: domain, opset: opset, inputs.map { $0.map(Value.tensor) }, attributes,
                   outputs: outputs, constantInputs: constantInputs).compactMap(\.tensor)
    }

    /// The first output of `outputs(...)`.
    public static func output(
        _ op: String, domain: String = Domain.onnx, opset: Int = 17, _ inputs: [Tensor?],
        _ attributes: [String: Attribute] = [:], constantInputs: Set<Int> = []
    ) throws -> Tensor {
        guard let first = try outputs(op, domain: domain, opset: opset, inputs, attributes, constantInputs: constantInputs).first else {
            throw OpError("\(op) produced no tensor output")
        }
        return first
    }

    /// Runs the op on values (tensors, sequences or maps) and returns every output value.
    public static func values(
        _ op: String, domain: String = Domain.onnx, opset: Int = 17, _ inputs: [Value?],
        _ attributes: [String: Attribute] = [:], outputs: Int = 1, constantInputs: Set<Int> = []
    ) throws -> [Value] {
        guard let factory = OpRegistry.standard.factory(domain: domain, opType: op) else {
            throw OpError("\(domain):\(op) is not implemented")
        }
        let names = inputs.indices.map { inputs[$0] == nil ? "" : "input\($0)" }
        var constants: [String: Tensor] = [:]
        for i in constantInputs where i < inputs.count {
            if let tensor = inputs[i]?.tensor { constants[names[i]] = tensor }
        }
        let node = Node(
            name: "test", opType: op, domain: domain, inputs: names,
            outputs: (0..<outputs).map { "output\($0)" }, attributes: attributes)
        let kernel = try factory(NodeContext(node: node, opset: opset, constants: constants))
        return try kernel.run(KernelInputs(values: inputs, names: names))
    }
}
