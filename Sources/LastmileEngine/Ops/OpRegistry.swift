import LastmileTensor

/// Builds a kernel for one node, validating its attributes; throws `OpError` for a node it
/// cannot run (a bad attribute, an unsupported mode).
package typealias KernelFactory = @Sendable (NodeContext) throws -> any Kernel

/// The table of operators the engine runs, keyed by domain and op type.
///
/// Each op family registers its ops in `Ops/<Family>/Registration.swift`. One factory serves
/// every opset version of an op; it reads `NodeContext.opset` where versions differ.
package struct OpRegistry: Sendable {
    private var factories: [String: KernelFactory] = [:]

    package init() {}

    /// The registry with every op Lastmile implements.
    package static let standard: OpRegistry = {
        var registry = OpRegistry()
        registry.registerMathOps()
        registry.registerActivationOps()
        registry.registerLogicOps()
        registry.registerReductionOps()
        registry.registerLinearAlgebraOps()
        registry.registerNormalizationOps()
        registry.registerTensorOps()
        registry.registerMLOps()
        registry.registerControlFlowOps()
        registry.registerConvolutionOps()
        registry.registerRecurrentOps()
        registry.registerSequenceOps()
        registry.registerQuantizationOps()
        registry.registerSignalOps()
        return registry
    }()

    /// Registers `factory` for `opType` in `domain`, replacing any earlier one.
    package mutating func register(_ opType: String, domain: String = Domain.onnx, _ factory: @escaping KernelFactory) {
        factories[Self.key(domain, opType)] = factory
    }

    /// The factory for an op, or nil when the engine does not implement it.
    package func factory(domain: String, opType: String) -> KernelFactory? {
        factories[Self.key(domain, opType)]
    }

    /// Every registered op as `domain:OpType`, sorted.
    package var registeredOps: [String] { factories.keys.sorted() }

    private static func key(_ domain: String, _ opType: String) -> String { "\(domain):\(opType)" }

    /// Builds and runs one node on the given inputs: a convenience for op tests.
    package func runNode(
        _ opType: String, domain: String = Domain.onnx, opset: Int = 17,
        inputs: [Value?], attributes: [String: Attribute] = [:], outputCount: Int = 1
    ) throws -> [Value] {
        guard let factory = factory(domain: domain, opType: opType) else {
            throw OpError("\(domain):\(opType) is not implemented")
        }
        let names = inputs.indices.map { inputs[$0] == nil ? "" : "input\($0)" }
        let node = Node(
            name: "test", opType: opType, domain: domain, inputs: names,
            outputs: (0..<outputCount).map { "output\($0)" }, attributes: attributes)
        let kernel = try factory(NodeContext(node: node, opset: opset))
        return try kernel.run(KernelInputs(values: inputs, names: names))
    }
}
