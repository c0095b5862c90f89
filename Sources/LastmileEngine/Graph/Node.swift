/// One operator application in a graph.
public struct Node: Sendable {
    /// The node's name; the loader names unnamed nodes `<OpType>_<index>` so messages can point at them.
    public var name: String
    public var opType: String
    /// The operator domain, normalised: `ai.onnx` for the default domain, `ai.onnx.ml`, or another.
    public var domain: String
    /// Input value names in order; an empty string is an omitted optional input.
    public var inputs: [String]
    /// Output value names in order; an empty string is an output the model does not use.
    public var outputs: [String]
    public var attributes: [String: Attribute]
    /// An activation the optimiser fused into this node, applied to its first output.
    package var fusedActivation: FusedActivation?

    public init(name: String, opType: String, domain: String, inputs: [String], outputs: [String], attributes: [String: Attribute]) {
        self.name = name
        self.opType = opType
        self.domain = domain
        self.inputs = inputs
        self.outputs = outputs
        self.attributes = attributes
    }
}

/// Names of the operator domains.
public enum Domain {
    public static let onnx = "ai.onnx"
    public static let ml = "ai.onnx.ml"

    /// Maps the empty domain to `ai.onnx`, as ONNX specifies.
    public static func normalized(_ domain: String) -> String {
        domain.isEmpty ? onnx : domain
    }
}
