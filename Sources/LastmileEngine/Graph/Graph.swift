import LastmileTensor

/// A computation graph: nodes in the order the model lists them, constant initializers and the
/// declared inputs, outputs and intermediate value types.
public struct Graph: Sendable {
    public var name: String
    public var nodes: [Node]
    /// Constant tensors by name. An initializer that is also a graph input is a default the
    /// caller may override.
    public var initializers: [String: Tensor]
    /// Declared inputs, including initializers that are also inputs.
    public var inputs: [ValueInfo]
    public var outputs: [ValueInfo]
    /// Declared types of intermediate values.
    public var valueInfos: [String: ValueInfo]

    public init(
        name: String, nodes: [Node], initializers: [String: Tensor], inputs: [ValueInfo],
        outputs: [ValueInfo], valueInfos: [String: ValueInfo]
    ) {
        self.name = name
        self.nodes = nodes
        self.initializers = initializers
        self.inputs = inputs
        self.outputs = outputs
        self.valueInfos = valueInfos
    }

    /// Inputs the caller must or may provide: declared inputs that are not initializers come
    /// first; initializers that are also inputs are optional overrides.
    public var requiredInputs: [ValueInfo] { inputs.filter { initializers[$0.name] == nil } }

    /// Initializers that are also graph inputs (overridable defaults).
    public var overridableInputs: [ValueInfo] { inputs.filter { initializers[$0.name] != nil } }
}
