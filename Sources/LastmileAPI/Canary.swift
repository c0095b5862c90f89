import Foundation

/// The limits that roll a canary back: any one broken by the challenger in the current step.
public struct CanaryRollback: Codable, Sendable, Equatable {
    /// Failed runs / runs of the challenger's route, e.g. 0.01.
    public var maxErrorRate: Double
    /// Rows the pipeline's validations flag / rows, among the challenger's rows.
    public var maxAnomalyRate: Double?
    /// The challenger's own p99 run time, in milliseconds.
    public var maxLatencyP99Ms: Double?
    /// Runs the challenger must have in a step before a limit is judged early (at the step's
    /// end it is judged on whatever it had), and before the step may advance (a step with
    /// less traffic goes on past its interval). Default 10.
    public var minRuns: Int?

    public init(maxErrorRate: Double, maxAnomalyRate: Double? = nil, maxLatencyP99Ms: Double? = nil, minRuns: Int? = nil) {
        self.maxErrorRate = maxErrorRate
        self.maxAnomalyRate = maxAnomalyRate
        self.maxLatencyP99Ms = maxLatencyP99Ms
        self.minRuns = minRuns
    }
}

/// `POST /v1/pipelines/{p}/canary`: ramp a challenger model up in place of one of the deployed
/// version's model steps, promoting it at 100% and rolling back by itself when it breaks a limit.
public struct CreateCanaryRequest: Codable, Sendable, Equatable {
    /// The challenger model (its latest version unless `version` is given).
    public var challenger: ModelReference
    /// The challenger's share of rows at each step, in percent, increasing and ending at 100.
    public var steps: [Double]?
    /// How long each step lasts, e.g. `10m`.
    public var interval: String?
    public var rollback: CanaryRollback
    /// The pipeline step (1-based) the challenger replaces; needed only when the deployed
    /// version has several model steps and none runs a model of the challenger's name.
    public var step: Int?

    public static let defaultSteps: [Double] = [5, 25, 50, 100]
    public static let defaultInterval = "10m"

    public init(challenger: ModelReference, steps: [Double]? = nil, interval: String? = nil, rollback: CanaryRollback, step: Int? = nil) {
        self.challenger = challenger
        self.steps = steps
        self.interval = interval
        self.rollback = rollback
        self.step = step
    }
}

/// Where a canary stands.
public enum CanaryState: String, Codable, Sendable {
    /// Ramping: the challenger takes `shares[currentStep]` percent of rows.
    case running
    /// The challenger replaced the champion.
    case promoted
    /// The challenger broke a limit; the pipeline version from before the canary serves again.
    case rolledBack
    /// Stopped by `DELETE`, or by a deploy made by hand during the canary.
    case aborted
    /// A step could not be deployed; the version from before the canary serves again.
    case failed
}

/// What the challenger did in one step, as the canary judged it.
public struct CanaryStepStats: Codable, Sendable, Equatable {
    public var runs: Int
    public var rows: Int
    public var errors: Int
    public var errorRate: Double
    public var anomalyRate: Double?
    public var latencyP99Ms: Double?

    public init(runs: Int, rows: Int, errors: Int, errorRate: Double, anomalyRate: Double?, latencyP99Ms: Double?) {
        self.runs = runs
        self.rows = rows
        self.errors = errors
        self.errorRate = errorRate
        self.anomalyRate = anomalyRate
        self.latencyP99Ms = latencyP99Ms
    }
}

/// One entry of a canary's history.
public struct CanaryEvent: Codable, Sendable, Equatable {
    public var at: Date
    /// `started`, `advanced`, `promoted`, `rolledBack`, `aborted` or `failed`.
    public var event: String
    /// The challenger's share after the event, in percent.
    public var share: Double
    /// The pipeline version serving after the event.
    public var pipelineVersion: Int
    public var message: String
    /// The challenger's numbers over the step that just ended, when one did.
    public var stats: CanaryStepStats?

    public init(at: Date, event: String, share: Double, pipelineVersion: Int, message: String, stats: CanaryStepStats? = nil) {
        self.at = at
        self.event = event
        self.share = share
        self.pipelineVersion = pipelineVersion
        self.message = message
        self.stats = stats
    }
}

/// A canary rollout of one pipeline (`GET /v1/pipelines/{p}/canary`: the latest one).
public struct Canary: Codable, Sendable, Equatable {
    public var pipeline: String
    /// The pinned champion and challenger versions.
    public var champion: ModelReference
    public var challenger: ModelReference
    /// The pipeline step (1-based) the challenger replaces.
    public var step: Int
    /// The challenger's share at each step, in percent.
    public var shares: [Double]
    public var intervalSeconds: Int
    public var rollback: CanaryRollback
    public var state: CanaryState
    /// The pipeline version deployed before the canary, which rollbacks and aborts return to.
    public var baseVersion: Int
    /// The index into `shares` of the current step.
    public var currentStep: Int
    /// The pipeline version serving the current step (or the final one).
    public var currentVersion: Int
    public var stepStartedAt: Date
    /// Why the canary rolled back, failed or was aborted.
    public var reason: String?
    public var history: [CanaryEvent]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        pipeline: String, champion: ModelReference, challenger: ModelReference, step: Int, shares: [Double], intervalSeconds: Int,
        rollback: CanaryRollback, state: CanaryState, baseVersion: Int, currentStep: Int, currentVersion: Int, stepStartedAt: Date,
        reason: String? = nil, history: [CanaryEvent] = [], createdAt: Date, updatedAt: Date
    ) {
        self.pipeline = pipeline
        self.champion = champion
        self.challenger = challenger
        self.step = step
        self.shares = shares
        self.intervalSeconds = intervalSeconds
        self.rollback = rollback
        self.state = state
        self.baseVersion = baseVersion
        self.currentStep = currentStep
        self.currentVersion = currentVersion
        self.stepStartedAt = stepStartedAt
        self.reason = reason
        self.history = history
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The challenger's share now, in percent.
    public var share: Double {
        switch state {
        case .running: shares[min(currentStep, shares.count - 1)]
        case .promoted: 100
        case .rolledBack, .aborted, .failed: 0
        }
    }
}
