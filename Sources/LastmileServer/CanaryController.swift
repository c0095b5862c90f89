import Foundation
import LastmileAPI
import LastmileObservability
import LastmileStore

/// Runs canary rollouts: a challenger model takes a growing share of one model step's rows
/// (a `randomSplit` whose weights change step by step, each step a new pipeline version
/// deployed by hot swap), is promoted at 100%, and is rolled back to the version from before
/// the canary as soon as it breaks a limit.
///
/// Transitions of one pipeline's canary never interleave: the actor suspends while a step
/// compiles, so each transition marks its pipeline busy first, and a request that finds it
/// busy is refused (409) while a tick skips it. A step's numbers are the challenger route's running totals less a snapshot
/// taken when the step began, so they need no wall clock; after a restart the snapshot is
/// retaken and the step's numbers start again from zero.
actor CanaryController {
    /// Per pipeline: the step the snapshot belongs to and the challenger's totals then.
    private var snapshots: [String: (step: Int, totals: RouteWindow.Counts)] = [:]
    /// Pipelines whose canary is in the middle of a transition (deploying a step).
    private var busy: Set<String> = []

    /// Marks `pipeline` busy for the length of `body`; throws 409 when it already is.
    private func exclusively<T>(_ pipeline: String, _ body: () async throws -> T) async throws -> T {
        guard busy.insert(pipeline).inserted else {
            throw APIError.conflict("the canary of pipeline \"\(pipeline)\" is deploying a step right now; retry in a few seconds")
        }
        defer { busy.remove(pipeline) }
        return try await body()
    }

    /// Starts a canary of `request.challenger` on `pipeline`'s deployed version.
    func start(_ request: CreateCanaryRequest, pipeline: Pipeline, platform: Platform, now: Date) async throws -> Canary {
        try await exclusively(pipeline.name) {
            try await begin(request, pipeline: pipeline, platform: platform, now: now)
        }
    }

    private func begin(_ request: CreateCanaryRequest, pipeline: Pipeline, platform: Platform, now: Date) async throws -> Canary {
        guard let deployment = pipeline.deployment, deployment.state == .running else {
            throw APIError.conflict("pipeline \"\(pipeline.name)\" is not running; deploy it before starting a canary")
        }
        if let current = try platform.store.canary(pipeline: pipeline.name), current.state == .running {
            throw APIError.conflict("pipeline \"\(pipeline.name)\" has a canary running already (challenger \"\(current.challenger.name)\" at \(Self.percent(current.share))); abort it with DELETE /v1/pipelines/\(pipeline.name)/canary first")
        }
        guard let base = try platform.store.pipelineVersion(pipeline: pipeline.name, version: deployment.version) else {
            throw APIError.notFound("pipeline \"\(pipeline.name)\" has no version \(deployment.version)")
        }
        let shares = request.steps ?? CreateCanaryRequest.defaultSteps
        if let problem = Self.problem(shares: shares, rollback: request.rollback) { throw APIError.badRequest(problem) }
        let intervalText = request.interval ?? CreateCanaryRequest.defaultInterval
        let intervalMillis = try AssayWindowPlan.millis(intervalText, name: "interval")
        guard intervalMillis >= 1000 else { throw APIError.badRequest("interval \"\(intervalText)\" is shorter than a second") }
        let index = try Self.stepIndex(in: base, request: request)
        guard case .model(let champion) = base.steps[index] else {
            throw APIError.badRequest("step \(index + 1) of pipeline \"\(pipeline.name)\" version \(base.version) is not a model step; a canary replaces one model step")
        }
        let challengerVersion = try platform.resolve(request.challenger, in: pipeline.workspace, step: index + 1)
        let challenger = ModelReference(name: challengerVersion.model, version: challengerVersion.id)
        guard challenger != champion else {
            throw APIError.badRequest("the challenger is model \"\(champion.name)\" version \(champion.version ?? "?"), which step \(index + 1) already runs")
        }
        var canary = Canary(
            pipeline: pipeline.name, champion: champion, challenger: challenger, step: index + 1, shares: shares,
            intervalSeconds: Int(intervalMillis / 1000), rollback: request.rollback, state: .running, baseVersion: base.version,
            currentStep: 0, currentVersion: base.version, stepStartedAt: now, createdAt: now, updatedAt: now
        )
        try await enter(step: 0, of: &canary, base: base, platform: platform, now: now, event: "started", stats: nil)
        return canary
    }

    /// Stops `pipeline`'s running canary and deploys the version from before it again.
    func abort(pipeline: String, platform: Platform, now: Date) async throws -> Canary {
        try await exclusively(pipeline) {
            guard var canary = try platform.store.canary(pipeline: pipeline), canary.state == .running else {
                throw APIError.notFound("pipeline \"\(pipeline)\" has no canary running")
            }
            try await finish(&canary, state: .aborted, reason: "aborted by request", platform: platform, now: now, stats: nil)
            return canary
        }
    }

    /// Judges every running canary at `now`: rolls back those whose challenger broke a limit,
    /// advances (or promotes) those whose step has lasted its interval. Returns the
    /// transitions made; failures are logged and retried next tick.
    @discardableResult
    func tick(platform: Platform, now: Date) async -> Int {
        let running: [Canary]
        do {
            running = try platform.store.runningCanaries()
        } catch {
            platform.logger.error("canary scheduler: could not list canaries: \(error)")
            return 0
        }
        var transitions = 0
        for var canary in running where !busy.contains(canary.pipeline) {
            do {
                if try await exclusively(canary.pipeline, { try await judge(&canary, platform: platform, now: now) }) { transitions += 1 }
            } catch {
                platform.logger.error("canary of pipeline \"\(canary.pipeline)\" failed: \(error)")
            }
        }
        return transitions
    }

    /// One canary's judgement; true when it changed state or step.
    private func judge(_ canary: inout Canary, platform: Platform, now: Date) async throws -> Bool {
        guard let deployment = try platform.store.deployment(pipeline: canary.pipeline), deployment.version == canary.currentVersion else {
            canary.state = .aborted
            canary.reason = "the pipeline was undeployed or another version deployed by hand during the canary"
            record(&canary, event: "aborted", now: now, stats: nil)
            try platform.store.saveCanary(canary)
            snapshots[canary.pipeline] = nil
            return true
        }
        let counts = totals(canary, platform: platform)
        guard let snapshot = snapshots[canary.pipeline], snapshot.step == canary.currentStep else {
            // After a restart: the step starts again, judged on what it serves from now on.
            snapshots[canary.pipeline] = (canary.currentStep, counts)
            canary.stepStartedAt = now
            try platform.store.saveCanary(canary)
            return false
        }
        let step = counts.since(snapshot.totals)
        let stats = Self.stats(step)
        let minRuns = canary.rollback.minRuns ?? 10
        // In whole milliseconds, the precision dates have on the wire, so a step that began at
        // a reported time is over exactly `interval` later.
        let elapsed = Self.millis(now) - Self.millis(canary.stepStartedAt) >= Int64(canary.intervalSeconds) * 1000
        if step.runs > 0, elapsed || step.runs >= minRuns, let breach = Self.breach(stats, canary.rollback) {
            try await finish(&canary, state: .rolledBack, reason: breach, platform: platform, now: now, stats: stats)
            return true
        }
        // A step advances once it lasted its interval and the challenger ran at least
        // `minRuns` times in it; with less traffic the step goes on until it has.
        guard elapsed, step.runs >= max(minRuns, 1) else { return false }
        guard let base = try platform.store.pipelineVersion(pipeline: canary.pipeline, version: canary.baseVersion) else {
            throw APIError.notFound("pipeline \"\(canary.pipeline)\" has no version \(canary.baseVersion)")
        }
        try await enter(step: canary.currentStep + 1, of: &canary, base: base, platform: platform, now: now, event: "advanced", stats: stats)
        return true
    }

    /// Deploys step `index` (a split at its share, or the challenger alone at 100%) and records it.
    private func enter(step index: Int, of canary: inout Canary, base: PipelineVersion, platform: Platform, now: Date, event: String, stats: CanaryStepStats?) async throws {
        let share = canary.shares[index]
        let replacement: PipelineStep = share >= 100
            ? .model(canary.challenger)
            : .randomSplit(RandomSplit(routes: [
                WeightedRoute(model: canary.champion, weight: 100 - share), WeightedRoute(model: canary.challenger, weight: share),
            ]))
        var steps = base.steps
        steps[canary.step - 1] = replacement
        let config = try platform.store.deployment(pipeline: canary.pipeline)?.config ?? DeploymentConfig()
        do {
            let version = try platform.createPipelineVersion(name: canary.pipeline, workspace: base.workspace, steps: steps)
            _ = try await platform.deployments.deploy(version, config: config)
            canary.currentVersion = version.version
        } catch {
            if event == "started" { throw error }
            try await finish(&canary, state: .failed, reason: "step \(index + 1) (\(Self.percent(share))) could not be deployed: \(APIError.from(error).message)", platform: platform, now: now, stats: stats)
            return
        }
        canary.currentStep = index
        canary.stepStartedAt = now
        if share >= 100 {
            canary.state = .promoted
            record(&canary, event: "promoted", now: now, stats: stats)
            snapshots[canary.pipeline] = nil
        } else {
            record(&canary, event: event, now: now, stats: stats)
            snapshots[canary.pipeline] = (index, totals(canary, platform: platform))
        }
        try platform.store.saveCanary(canary)
    }

    /// Ends the canary in `state`, deploying the version from before it again.
    private func finish(_ canary: inout Canary, state: CanaryState, reason: String, platform: Platform, now: Date, stats: CanaryStepStats?) async throws {
        if let base = try platform.store.pipelineVersion(pipeline: canary.pipeline, version: canary.baseVersion) {
            let config = try platform.store.deployment(pipeline: canary.pipeline)?.config ?? DeploymentConfig()
            do {
                _ = try await platform.deployments.deploy(base, config: config)
                canary.currentVersion = base.version
            } catch {
                platform.logger.error("canary of \"\(canary.pipeline)\": could not deploy version \(base.version) again: \(error)")
            }
        }
        canary.state = state
        canary.reason = reason
        record(&canary, event: state.rawValue, now: now, stats: stats)
        snapshots[canary.pipeline] = nil
        try platform.store.saveCanary(canary)
    }

    private func record(_ canary: inout Canary, event: String, now: Date, stats: CanaryStepStats?) {
        let message = switch event {
        case "started", "advanced": "the challenger takes \(Self.percent(canary.share)) of rows for \(canary.intervalSeconds) s"
        case "promoted": "the challenger replaced the champion"
        default: canary.reason ?? event
        }
        canary.history.append(CanaryEvent(at: now, event: event, share: canary.share, pipelineVersion: canary.currentVersion, message: message, stats: stats))
        canary.updatedAt = now
    }

    /// The challenger route's running totals.
    private func totals(_ canary: Canary, platform: Platform) -> RouteWindow.Counts {
        let key = RouteWindow.Key(step: canary.step, model: canary.challenger.name, versionID: canary.challenger.version ?? "", role: "route")
        return platform.metrics.pipeline(canary.pipeline).routes.totals()[key] ?? RouteWindow.Counts()
    }

    static func stats(_ counts: RouteWindow.Counts) -> CanaryStepStats {
        CanaryStepStats(
            runs: counts.runs, rows: counts.rows, errors: counts.failures, errorRate: counts.errorRate,
            anomalyRate: counts.anomalyRate, latencyP99Ms: counts.latency.quantile(0.99).map { $0 * 1000 }
        )
    }

    /// The first limit `stats` breaks, said as a sentence, or nil.
    static func breach(_ stats: CanaryStepStats, _ limits: CanaryRollback) -> String? {
        if stats.errorRate > limits.maxErrorRate {
            return "the challenger's error rate \(stats.errorRate) (\(stats.errors) of \(stats.runs) runs) is above maxErrorRate \(limits.maxErrorRate)"
        }
        if let limit = limits.maxAnomalyRate, let rate = stats.anomalyRate, rate > limit {
            return "the challenger's anomaly rate \(rate) is above maxAnomalyRate \(limit)"
        }
        if let limit = limits.maxLatencyP99Ms, let p99 = stats.latencyP99Ms, p99 > limit {
            return "the challenger's p99 latency \(p99) ms is above maxLatencyP99Ms \(limit)"
        }
        return nil
    }

    /// What is wrong with a canary's shares or limits, or nil.
    static func problem(shares: [Double], rollback: CanaryRollback) -> String? {
        guard !shares.isEmpty else { return "steps is empty; give the challenger's shares in percent, such as [5, 25, 50, 100]" }
        if let bad = shares.first(where: { !($0 > 0 && $0 <= 100) }) { return "step share \(bad) is not a percentage above 0 and at most 100" }
        if zip(shares, shares.dropFirst()).contains(where: { $0 >= $1 }) { return "steps \(shares) do not increase; each step gives the challenger a larger share" }
        if shares.last != 100 { return "steps end at \(shares.last ?? 0), not 100; the last step promotes the challenger" }
        if !(0...1).contains(rollback.maxErrorRate) { return "rollback.maxErrorRate \(rollback.maxErrorRate) is not between 0 and 1" }
        if let rate = rollback.maxAnomalyRate, !(0...1).contains(rate) { return "rollback.maxAnomalyRate \(rate) is not between 0 and 1" }
        if let p99 = rollback.maxLatencyP99Ms, !(p99 > 0) { return "rollback.maxLatencyP99Ms \(p99) is not a positive number of milliseconds" }
        if let runs = rollback.minRuns, runs < 0 { return "rollback.minRuns \(runs) is negative" }
        return nil
    }

    /// The index of the step the challenger replaces: the one asked for; else the only model
    /// step running a model of the challenger's name; else the only model step.
    static func stepIndex(in version: PipelineVersion, request: CreateCanaryRequest) throws -> Int {
        if let step = request.step {
            guard version.steps.indices.contains(step - 1) else {
                throw APIError.badRequest("step \(step) does not exist; pipeline \"\(version.pipeline)\" version \(version.version) has \(version.steps.count) steps")
            }
            return step - 1
        }
        let models = version.steps.indices.filter { if case .model = version.steps[$0] { true } else { false } }
        let named = models.filter { if case .model(let reference) = version.steps[$0] { reference.name == request.challenger.name } else { false } }
        if named.count == 1 { return named[0] }
        if models.count == 1 { return models[0] }
        throw APIError.badRequest("pipeline \"\(version.pipeline)\" version \(version.version) has \(models.count) model steps; say which one the challenger replaces with \"step\"")
    }

    static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func percent(_ share: Double) -> String {
        share == share.rounded() ? "\(Int(share))%" : "\(share)%"
    }
}
