import Foundation
import LastmileAPI
import LastmileRuntime
import LastmileStore
import Logging
import Synchronization

/// The deployments running in this process.
///
/// Deploys and undeploys are coarse, low-rate operations serialised by the actor; the inference
/// path reads the running table through a mutex without touching the actor.
actor DeploymentRegistry {
    /// A deployed pipeline as the inference path needs it.
    struct Active: Sendable {
        var runner: DeploymentRunner
        var workspace: String
    }

    private let store: Store
    private let metrics: ServerMetrics
    private let logger: Logger
    /// The inference path's view: pipeline name to its running deployment.
    nonisolated let active = Mutex<[String: Active]>([:])

    init(store: Store, metrics: ServerMetrics, logger: Logger) {
        self.store = store
        self.metrics = metrics
        self.logger = logger
    }

    /// The running deployment of `pipeline`, if any.
    nonisolated func running(_ pipeline: String) -> Active? {
        active.withLock { $0[pipeline] }
    }

    /// Compiles `version` and starts it with `config`, replacing what runs now once it is ready.
    ///
    /// A hot swap: the new version compiles and warms beside the running one, the running
    /// table switches to it in one step, and the old one finishes the requests it queued
    /// before it stops (requests that reach it after the switch move to the new version, see
    /// `Platform.infer`). The stored deployment says `starting` while compiling, then
    /// `running`. When compiling fails the error is thrown; a deployment that was running
    /// keeps running and stays recorded, otherwise the record says `failed` with the error.
    func deploy(_ version: PipelineVersion, config: DeploymentConfig) async throws -> Deployment {
        let serving = running(version.pipeline) != nil ? try store.deployment(pipeline: version.pipeline) : nil
        var deployment = Deployment(pipeline: version.pipeline, version: version.version, state: .starting, config: config, replicas: 0, updatedAt: Date())
        try store.saveDeployment(deployment)
        let store = self.store
        let metrics = self.metrics.pipeline(version.pipeline)
        let runner: DeploymentRunner
        do {
            runner = try await Blocking.run("lastmile-compile-\(version.pipeline)") {
                let models = try version.steps.flatMap(\.models).map { reference in
                    guard let id = reference.version, let model = try store.modelVersion(id: id) else {
                        throw RuntimeError(.invalidPipeline, "pipeline \"\(version.pipeline)\" version \(version.version) names model \"\(reference.name)\" version \(reference.version ?? "?"), which is not in the store")
                    }
                    return model
                }
                let compiled = try CompiledPipeline(version: version, models: models, artifacts: StoreArtifactSource(artifacts: store.artifacts)) { run in
                    metrics.record(run)
                }
                compiled.warm()
                return DeploymentRunner(pipeline: compiled, config: config)
            }
        } catch {
            if let serving {
                try store.saveDeployment(serving)
            } else {
                deployment.state = .failed
                deployment.error = APIError.from(error).message
                deployment.updatedAt = Date()
                try store.saveDeployment(deployment)
            }
            logger.error("deploying pipeline \"\(version.pipeline)\" version \(version.version) failed: \(error)")
            throw error
        }
        let previous = active.withLock { table in
            let previous = table[version.pipeline]
            table[version.pipeline] = Active(runner: runner, workspace: version.workspace)
            return previous
        }
        deployment.state = .running
        deployment.replicas = config.replicas
        deployment.updatedAt = Date()
        try store.saveDeployment(deployment)
        if let previous {
            await previous.runner.shutdown()
        }
        logger.info("pipeline \"\(version.pipeline)\" version \(version.version) is running on \(config.replicas) replica(s)")
        return deployment
    }

    /// Stops `pipeline`'s deployment after its queued requests finish, and forgets it.
    func undeploy(_ pipeline: String) async throws {
        let previous = active.withLock { $0.removeValue(forKey: pipeline) }
        try store.removeDeployment(pipeline: pipeline)
        if let previous {
            await previous.runner.shutdown()
        }
        logger.info("pipeline \"\(pipeline)\" is undeployed")
    }

    /// Starts every stored deployment again, as after a restart; failures are recorded, not thrown.
    func restore() async {
        let deployments: [Deployment]
        do {
            deployments = try store.deployments()
        } catch {
            logger.error("could not read the stored deployments: \(error)")
            return
        }
        for deployment in deployments {
            do {
                guard let version = try store.pipelineVersion(pipeline: deployment.pipeline, version: deployment.version) else {
                    logger.error("deployment of \"\(deployment.pipeline)\" names version \(deployment.version), which is not in the store")
                    continue
                }
                _ = try await deploy(version, config: deployment.config)
            } catch {
                logger.error("could not restore the deployment of \"\(deployment.pipeline)\": \(error)")
            }
        }
    }

    /// Stops every deployment, letting queued requests finish (server shutdown).
    func shutdownAll() async {
        let all = active.withLock { table in
            let all = Array(table.values)
            table.removeAll()
            return all
        }
        for entry in all {
            await entry.runner.shutdown()
        }
    }
}
