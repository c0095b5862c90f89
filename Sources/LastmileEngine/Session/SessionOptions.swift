/// How a session compiles its model.
public struct SessionOptions: Sendable {
    /// Rewrite the graph before planning (constant folding, Identity/Dropout removal,
    /// MatMul+Add to Gemm, Conv+BatchNormalization folding, dead-node removal). Every pass
    /// preserves the model's outputs; turn it off to run the graph exactly as written.
    public var optimize: Bool
    /// Reuse the buffers of values a run no longer needs for its later outputs, and keep them
    /// between runs, so that steady-state runs of fixed-shape models do not allocate. Costs
    /// idle memory of up to one run's intermediate values per concurrent run; turn it off to
    /// free every intermediate value as soon as it dies.
    public var reusesBuffers: Bool

    public init(optimize: Bool = true, reusesBuffers: Bool = true) {
        self.optimize = optimize
        self.reusesBuffers = reusesBuffers
    }
}
