/// How a session compiles its model.
public struct SessionOptions: Sendable {
    /// Rewrite the graph before planning (constant folding, Identity/Dropout removal,
    /// MatMul+Add to Gemm, Conv+BatchNormalization folding, dead-node removal). Every pass
    /// preserves the model's outputs; turn it off to run the graph exactly as written.
    public var optimize: Bool

    public init(optimize: Bool = true) {
        self.optimize = optimize
    }
}
