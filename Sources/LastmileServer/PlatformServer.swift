import Foundation
import Hummingbird
import LastmileAPI
import LastmileTensor
import Logging
import NIOCore
import ServiceLifecycle

/// The Lastmile server: the store, the deployments and the HTTP API, run until SIGTERM or SIGINT.
public final class PlatformServer: Sendable {
    let platform: Platform

    /// Opens the store in the configuration's data directory and makes sure an admin exists.
    public init(configuration: ServerConfiguration, logger: Logger) throws {
        // Parallelism comes from replicas and connections; OpenBLAS threads would fight them.
        BLAS.setThreads(1)
        platform = try Platform(configuration: configuration, logger: logger)
    }

    /// Ensures the admin user exists; returns lines saying where its token is (print them once).
    public func bootstrapAdmin() throws -> [String] {
        try platform.bootstrapAdmin()
    }

    /// The HTTP application; `onRunning` gets the bound port once the server listens.
    package func makeApplication(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
        let configuration = platform.configuration
        return Application(
            router: platform.makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "lastmile/\(LastmileVersion.current)"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: platform.logger
        )
    }

    /// The service that runs active assays as their windows close (the real clock by default).
    package func assayScheduler(clock: any SchedulerClock = SystemSchedulerClock(), configuration: AssaySchedulerConfiguration = .init()) -> AssayScheduler {
        AssayScheduler(platform: platform, clock: clock, configuration: configuration)
    }

    /// The service that advances, promotes and rolls back canaries (the real clock by default).
    package func canaryScheduler(clock: any SchedulerClock = SystemSchedulerClock(), pollInterval: Duration = .seconds(5)) -> CanaryScheduler {
        CanaryScheduler(platform: platform, clock: clock, pollInterval: pollInterval)
    }

    /// Commits the inference log and stops its writer (tests; `run` does it on shutdown).
    package func closeLog() async {
        await platform.inferenceLog.close()
    }

    /// Starts the stored deployments again and then reports ready.
    package func restoreDeployments() async {
        await platform.deployments.restore()
        platform.ready.set()
    }

    /// Serves until SIGTERM or SIGINT; in-flight requests finish, then every deployment drains.
    ///
    /// - Parameter onRunning: called with the bound port once the server listens.
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let application = makeApplication(onRunning: onRunning)
        let restore = Task { await restoreDeployments() }
        let group = ServiceGroup(configuration: .init(
            services: [application, assayScheduler(), canaryScheduler()],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: platform.logger
        ))
        try await group.run()
        restore.cancel()
        await platform.deployments.shutdownAll()
        await platform.inferenceLog.close()
    }
}

extension PlatformServer {
    /// Every route as `METHOD /path/{param}`, for the test that keeps docs/openapi.yaml complete.
    package var routeList: [String] {
        platform.makeRouter().routes.map { "\($0.method.rawValue) \($0.path)" }
    }
}
