import LastmileTensor

/// A validated request waiting in a deployment's queue for a replica.
struct PendingRequest: Sendable {
    var inputs: [String: Tensor]
    /// The first dimension shared by every input (1 when an input is a scalar).
    var rows: Int
    /// Requests with equal keys can share one engine call; nil when this one must run alone.
    var key: BatchKey?
    /// When it was queued, in `DispatchTime` uptime nanoseconds.
    var enqueuedAt: UInt64
    var continuation: CheckedContinuation<PipelineOutputs, any Error>
}

/// What requests must share to be concatenated along dimension 0: input names, element types
/// and every dimension but the first.
struct BatchKey: Hashable, Sendable {
    struct Part: Hashable, Sendable {
        var name: String
        var dtype: DType
        var trailing: [Int]
    }

    var parts: [Part]

    /// The key of a request whose inputs all have rank 1 or more, or nil otherwise.
    init?(_ inputs: [String: Tensor]) {
        var parts: [Part] = []
        for (name, tensor) in inputs {
            guard tensor.rank >= 1 else { return nil }
            parts.append(Part(name: name, dtype: tensor.dtype, trailing: Array(tensor.shape.dropFirst())))
        }
        self.parts = parts.sorted { $0.name < $1.name }
    }
}
