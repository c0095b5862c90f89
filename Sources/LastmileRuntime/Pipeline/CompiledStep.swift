import LastmileAPI
import LastmileEngine

/// One model step of a compiled pipeline: its session and signature.
struct CompiledStep: Sendable {
    /// 1-based position in the pipeline, for messages.
    var number: Int
    /// `model "scaler" 1b2c3d4e...`, for messages.
    var label: String
    /// The model's name (the per-model latency metric's label).
    var model: String
    /// The model version's id.
    var versionID: String
    var session: InferenceSession
    var inputs: [TensorSpec]
    var outputs: [TensorSpec]
    /// The inputs whose first dimension counts a run's rows, in the order to look: those
    /// declared with a variable first dimension (the batch) first, then the rest as declared,
    /// so a fixed-size side input never decides. Worked out once, not on every run.
    let rowInputs: [String]

    init(number: Int, label: String, model: String, versionID: String, session: InferenceSession, inputs: [TensorSpec], outputs: [TensorSpec]) {
        self.number = number
        self.label = label
        self.model = model
        self.versionID = versionID
        self.session = session
        self.inputs = inputs
        self.outputs = outputs
        rowInputs = (inputs.filter { $0.shape.first == -1 } + inputs.filter { $0.shape.first != -1 }).map(\.name)
    }

    /// `step 2 (model "scaler" 1b2c3d4e...)`.
    var name: String { "step \(number) (\(label))" }

    /// One row of zeros for every input (dims of -1 become 1), or nil when an input is not a
    /// tensor of known element type and rank.
    var zeroFeeds: [String: Value]? {
        var feeds: [String: Value] = [:]
        for info in session.inputs {
            guard case .tensor(let dtype?, let dims?) = info.type else { return nil }
            let shape = dims.map { dim -> Int in
                if case .fixed(let size) = dim { return size }
                return 1
            }
            feeds[info.name] = .tensor(.zeros(dtype, shape: shape))
        }
        return feeds
    }
}

/// A model step of a compiled pipeline: one route, a split's routes (same signature) with
/// the router that picks one per row, or a shadow's champion and challengers.
struct CompiledStage: Sendable {
    var routes: [CompiledStep]
    /// Nil for a plain model step and a shadow.
    var router: SplitRouter?
    /// Whether every route runs on every row: the first is the champion, the rest challengers.
    var isShadow = false

    /// The first route, whose signature stands for the step's.
    var primary: CompiledStep { routes[0] }
}
