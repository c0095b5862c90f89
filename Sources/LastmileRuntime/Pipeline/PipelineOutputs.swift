import LastmileAPI
import LastmileEngine
import LastmileTensor

/// What one run of a compiled pipeline returns: its declared outputs and, for a pipeline with
/// shadow steps, each challenger's outputs or error.
public struct PipelineOutputs: Sendable {
    /// The pipeline's outputs in declared order (the champions' outputs where a step shadows).
    public var values: [NamedValue]
    /// The challengers of the pipeline's shadow steps, in step order.
    public var shadows: [ShadowOutputs]

    public init(values: [NamedValue], shadows: [ShadowOutputs] = []) {
        self.values = values
        self.shadows = shadows
    }
}

/// One challenger's part of a run: its outputs (in its model's order), or why it failed.
public struct ShadowOutputs: Sendable {
    /// The challenger's model name; replies and logs carry its outputs as `out_<model>`.
    public var model: String
    public var versionID: String
    /// The outputs, or nil when the challenger failed.
    public var values: [NamedValue]?
    /// The failure's message when the challenger failed.
    public var error: String?

    public init(model: String, versionID: String, values: [NamedValue]?, error: String?) {
        self.model = model
        self.versionID = versionID
        self.values = values
        self.error = error
    }

    /// The reply field the outputs go into: `out_<model>`.
    public var field: String { Shadow.field(model: model) }
}

/// One model's run inside a pipeline run, as the compiled pipeline's observer is told it.
public struct StepRun: Sendable {
    /// The model's part in its step.
    public enum Role: String, Sendable {
        /// The only model of a plain step.
        case model
        /// A route of a split step, run on the rows routed to it.
        case route
        /// A shadow step's champion.
        case champion
        /// A shadow step's challenger.
        case challenger
    }

    /// The step's 1-based position in the pipeline.
    public var step: Int
    public var model: String
    public var versionID: String
    public var role: Role
    public var rows: Int
    public var nanoseconds: UInt64
    public var failed: Bool
    /// For routes, champions and challengers: the sum of each numeric output's elements.
    public var outputSums: [String: ElementSum] = [:]
    /// For challengers: per output the champion also returns, the sum of the absolute
    /// element-wise differences from the champion's.
    public var differences: [String: ElementSum] = [:]
}

extension Value {
    /// The sum and count of a numeric tensor's elements; nil for other values.
    var numericSum: ElementSum? {
        guard case .tensor(let tensor) = self else { return nil }
        let storage = tensor.storage
        switch storage {
        case .float32(let values): return ElementSum(total: values.reduce(0) { $0 + Double($1) }, count: values.count)
        case .float64(let values): return ElementSum(total: values.reduce(0, +), count: values.count)
        case .string: return nil
        default:
            var total = 0.0
            for index in 0..<storage.count { total += storage.number(at: index) ?? 0 }
            return ElementSum(total: total, count: storage.count)
        }
    }

    /// The sum of |self - other| over the elements, when both are numeric tensors of one size.
    func absoluteDifference(from other: Value) -> ElementSum? {
        guard case .tensor(let mine) = self, case .tensor(let theirs) = other, mine.count == theirs.count else { return nil }
        switch (mine.storage, theirs.storage) {
        case (.float32(let a), .float32(let b)):
            var total = 0.0
            for index in a.indices { total += Double(abs(a[index] - b[index])) }
            return ElementSum(total: total, count: a.count)
        case (.string, _), (_, .string):
            return nil
        default:
            var total = 0.0
            for index in 0..<mine.count {
                guard let a = mine.storage.number(at: index), let b = theirs.storage.number(at: index) else { return nil }
                total += abs(a - b)
            }
            return ElementSum(total: total, count: mine.count)
        }
    }
}
