import Foundation
import LastmileTensor
import Synchronization

/// Runs one model: built once (which compiles every node's kernel), then `run` any number of
/// times, from any number of threads at once.
///
/// The compiled plan is immutable and shared; each call keeps its own values, so concurrent
/// calls never see each other's data.
public final class InferenceSession: Sendable {
    public let model: Model
    /// Inputs the caller must provide.
    public let inputs: [ValueInfo]
    /// Initializers that are also graph inputs: the caller may override their default values.
    public let overridableInputs: [ValueInfo]
    public let outputs: [ValueInfo]
    private let plan: Plan
    private let declared: [String: ValueInfo]
    private let reusesBuffers: Bool
    /// Buffer pools of finished runs, each taken by one run at a time (at most
    /// `maxIdleBufferPools` are kept: more concurrent runs than cores gain nothing), and the
    /// buffer requests of every finished run.
    private let buffers = Mutex<(idle: [BufferPool], counts: BufferPool.Statistics)>(([], BufferPool.Statistics()))
    private let maxIdleBufferPools = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// 0 while runs use the pool; otherwise how many runs ago a run with the pool asked it
    /// for nothing (every value under `BufferPool.minimumBytes`). Such models then run without
    /// the pool, which saves its per-run cost (about 1-4 us, as much as a small model's whole
    /// run), and every `poolProbeInterval`th run tries the pool again in case shapes grew.
    private let runsWithoutPool = Atomic<Int>(0)
    private static let poolProbeInterval = 64

    /// Compiles a model; throws `EngineError` with code `unsupportedModel` listing every
    /// operator the engine lacks, or `invalidModel` for a graph that breaks ONNX's rules.
    public init(model: Model, options: SessionOptions = SessionOptions()) throws {
        self.model = model
        var graph = model.graph
        if options.optimize {
            // Unsupported ops are reported on the graph as written, before any rewriting.
            try Plan.checkSupport(graph: graph, opsets: model.opsets, registry: .standard)
            graph = Optimizer(opsets: model.opsets, registry: .standard).optimize(graph)
        }
        self.plan = try Plan(graph: graph, opsets: model.opsets, registry: .standard)
        self.inputs = model.graph.requiredInputs
        self.overridableInputs = model.graph.overridableInputs
        self.outputs = model.graph.outputs
        self.declared = Dictionary(model.graph.inputs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.reusesBuffers = options.reusesBuffers
    }

    /// Loads and compiles a model file.
    public convenience init(contentsOf url: URL, options: SessionOptions = SessionOptions()) throws {
        try self.init(model: Model(contentsOf: url), options: options)
    }

    /// Loads and compiles a model from ONNX bytes.
    public convenience init(serialized data: Data, options: SessionOptions = SessionOptions()) throws {
        try self.init(model: Model(serialized: data), options: options)
    }

    /// Runs the model on tensors by input name and returns every graph output by name.
    public func run(_ feeds: [String: Tensor]) throws -> [String: Value] {
        try run(values: feeds.mapValues { .tensor($0) })
    }

    /// Runs the model on values by input name and returns every graph output by name.
    ///
    /// Checks input names, element types, ranks and fixed dimensions against the model's
    /// declared inputs before running, with messages naming the input and the expectation.
    public func run(values feeds: [String: Value]) throws -> [String: Value] {
        var slots = plan.initialSlots
        for (name, value) in feeds {
            guard let slot = plan.inputSlots[name], let info = declared[name] else {
                let expected = inputs.map { "\"\($0.name)\" \($0.type)" }.joined(separator: ", ")
                throw EngineError(.invalidInput, "unknown input \"\(name)\"; the model's inputs are: \(expected)")
            }
            try Self.check(value, against: info)
            slots[slot] = value
        }
        for input in inputs where feeds[input.name] == nil {
            throw EngineError(.invalidInput, "missing input \"\(input.name)\" (\(input.type))")
        }

        let skipped = runsWithoutPool.load(ordering: .relaxed)
        if reusesBuffers && (skipped == 0 || skipped % Self.poolProbeInterval == 0) {
            let pool = buffers.withLock { $0.idle.popLast() } ?? BufferPool(minimumBytes: 16 << 10)
            defer { finish(pool) }
            try plan.execute(&slots, buffers: pool)
        } else if reusesBuffers {
            runsWithoutPool.wrappingAdd(1, ordering: .relaxed)
            try plan.execute(&slots, buffers: nil)
        } else {
            try plan.execute(&slots, buffers: nil)
        }

        var outputs: [String: Value] = [:]
        for (name, slot) in plan.outputSlots {
            guard let value = slots[slot] else {
                throw EngineError(.executionFailed, "graph output \"\(name)\" was not computed")
            }
            outputs[name] = value
        }
        return outputs
    }

    /// Buffer requests of every finished run so far: `fresh` counts the output buffers the
    /// runs had to allocate, `reused` those a dead value's buffer served.
    package var bufferStatistics: BufferPool.Statistics {
        buffers.withLock { $0.counts }
    }

    /// Returns a run's pool for the next run (or frees it when enough are idle).
    private func finish(_ pool: BufferPool) {
        let counts = pool.finishRun()
        if counts.fresh + counts.reused == 0 {
            runsWithoutPool.wrappingAdd(1, ordering: .relaxed)
        } else {
            runsWithoutPool.store(0, ordering: .relaxed)
        }
        buffers.withLock { buffers in
            buffers.counts = buffers.counts + counts
            if buffers.idle.count < maxIdleBufferPools { buffers.idle.append(pool) }
        }
    }

    /// Checks a fed value against the declared type of an input.
    private static func check(_ value: Value, against info: ValueInfo) throws {
        switch (info.type, value) {
        case (.tensor(let dtype, let dims), .tensor(let tensor)):
            if let dtype, tensor.dtype != dtype {
                throw EngineError(.invalidInput, "input \"\(info.name)\" has element type \(tensor.dtype), expected \(dtype)")
            }
            guard let dims else { return }
            guard dims.count == tensor.rank else {
                throw EngineError(.invalidInput, "input \"\(info.name)\" has shape \(tensor.shape) (rank \(tensor.rank)), expected rank \(dims.count): \(info.type)")
            }
            for (axis, dim) in dims.enumerated() {
                if case .fixed(let size) = dim, size != tensor.shape[axis] {
                    throw EngineError(.invalidInput, "input \"\(info.name)\" has shape \(tensor.shape), expected dimension \(axis) to be \(size): \(info.type)")
                }
            }
        case (.tensor, _):
            throw EngineError(.invalidInput, "input \"\(info.name)\" is a \(value.typeDescription), expected \(info.type)")
        default:
            return
        }
    }
}
