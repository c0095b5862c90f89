import Dispatch
import LastmileAPI
import LastmileTensor

/// A deployed pipeline: replica threads taking requests from a bounded queue, with optional
/// dynamic batching.
///
/// `infer` validates on the caller, queues the request and suspends; a replica thread takes
/// it (merging it with compatible queued requests when `config.batching.maxBatchSize` is
/// above 1), runs the pipeline and resumes the caller. Inference never runs on the caller's
/// executor.
public final class DeploymentRunner: Sendable {
    /// The compiled pipeline every replica runs.
    public let pipeline: CompiledPipeline
    /// Replicas, batching and queue capacity, as given.
    public let config: DeploymentConfig
    private let replicas: ReplicaSet
    /// Whether requests can be concatenated along dimension 0: batching is on and every
    /// pipeline input is a tensor whose first dimension varies.
    private let batchable: Bool

    /// Starts `config.replicas` threads named `lastmile-replica-<pipeline>-<i>` immediately.
    public convenience init(pipeline: CompiledPipeline, config: DeploymentConfig) {
        self.init(pipeline: pipeline, config: config, beforeEngineCall: nil)
    }

    /// Starts the replicas, calling `beforeEngineCall` on the replica thread before every
    /// pipeline run (a test hook: it may block to hold the replica).
    package init(pipeline: CompiledPipeline, config: DeploymentConfig, beforeEngineCall: (@Sendable (EngineCall) -> Void)?) {
        self.pipeline = pipeline
        self.config = config
        let count = max(1, config.replicas)
        let queue = RequestQueue(
            replicas: count, capacity: config.queueCapacity,
            maxBatchSize: config.batching.maxBatchSize, maxDelayMicros: config.batching.maxDelayMicros
        )
        replicas = ReplicaSet(pipeline: pipeline, queue: queue, replicas: count, beforeEngineCall: beforeEngineCall)
        batchable = config.batching.maxBatchSize > 1 && pipeline.rules.allSatisfy { rule in
            rule.dtype != nil && rule.dims?.first == -1
        }
        replicas.start(name: "lastmile-replica-\(pipeline.version.pipeline)")
    }

    deinit {
        replicas.stop(nil)
    }

    /// Runs a request on a replica and returns the pipeline's outputs in declared order.
    ///
    /// Validates before queueing (`RuntimeError(.badInput)`); the first dimension of every
    /// input is the request's row count, and all inputs must agree on it. Throws `.overloaded`
    /// when `config.queueCapacity` requests are already waiting and `.unavailable` once
    /// shutdown began; otherwise whatever the pipeline run throws.
    public func infer(_ inputs: [String: Tensor]) async throws -> [NamedValue] {
        try await evaluate(inputs).values
    }

    /// Runs a request like `infer(_:)` and also returns the challengers' outputs of the
    /// pipeline's shadow steps.
    public func evaluate(_ inputs: [String: Tensor]) async throws -> PipelineOutputs {
        try pipeline.validate(inputs)
        let rows = try Self.rowCount(inputs)
        let key = batchable ? BatchKey(inputs) : nil
        let name = pipeline.version.pipeline
        return try await withCheckedThrowingContinuation { continuation in
            let request = PendingRequest(
                inputs: inputs, rows: rows, key: key,
                enqueuedAt: DispatchTime.now().uptimeNanoseconds, continuation: continuation
            )
            replicas.submit(request, pipelineName: name)
        }
    }

    /// Requests waiting for a replica now.
    public var queueDepth: Int {
        replicas.queue.withLock { $0.depth }
    }

    /// Whether shutdown began, so `infer` refuses new requests.
    package var isStopping: Bool {
        replicas.queue.withLock { $0.isStopping }
    }

    /// Stops accepting requests, lets queued and running requests finish, and returns once
    /// every replica thread has exited.
    public func shutdown() async {
        await withCheckedContinuation { continuation in
            replicas.stop(continuation)
        }
    }

    /// The first dimension shared by every input of rank 1 or more (1 when there is none).
    private static func rowCount(_ inputs: [String: Tensor]) throws -> Int {
        let counts = inputs.values.lazy.compactMap(\.shape.first)
        guard let rows = counts.first else { return 1 }
        guard counts.contains(where: { $0 != rows }) else { return rows }
        // Name the disagreeing inputs in a stable order.
        let sorted = inputs.sorted { $0.key < $1.key }.compactMap { name, tensor in tensor.shape.first.map { (name, $0) } }
        guard let first = sorted.first, let other = sorted.first(where: { $0.1 != first.1 }) else { return rows }
        throw RuntimeError(.badInput, "input \"\(first.0)\" has \(first.1) rows but input \"\(other.0)\" has \(other.1); the first dimension of every input is the row count and must agree")
    }
}
