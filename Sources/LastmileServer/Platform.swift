import Foundation
import Hummingbird
import LastmileAPI
import LastmileStore
import Logging
import Synchronization

/// The composition root: the store, the running deployments and the token cache, and the routes
/// that tie them to HTTP.
final class Platform: Sendable {
    let configuration: ServerConfiguration
    let store: Store
    let authenticator: Authenticator
    let deployments: DeploymentRegistry
    let metrics = ServerMetrics()
    let canaries = CanaryController()
    /// Every row served, by pipeline and time.
    let inferenceLog: InferenceLog
    /// False when the server runs with logging off.
    let loggingEnabled: Bool
    let logger: Logger
    /// Whether stored deployments are back, which `/health/ready` reports.
    let ready = ReadyFlag()
    /// The web UI's signed-in browsers.
    let uiSessions = UISessions()
    /// Server-side model conversions running now (bounded).
    let conversions = ConversionSlots()
    /// The bubblewrap executable that confines conversions, or nil.
    let converterSandbox: String?

    init(configuration: ServerConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        converterSandbox = try Self.findSandbox(configuration, logger: logger)
        store = try Store(directory: configuration.dataDirectory)
        _ = try store.failInterruptedConversions(message: "the server stopped during the conversion; upload the artifact again")
        // Scratch directories of conversions the last process did not finish.
        try? FileManager.default.removeItem(at: configuration.dataDirectory.appendingPathComponent("conversions"))
        var log = InferenceLogConfiguration()
        loggingEnabled = configuration.logDurability != "off"
        guard let durability = InferenceLogConfiguration.Durability(rawValue: loggingEnabled ? configuration.logDurability : "async") else {
            throw StoreError(.invalid, "log durability \"\(configuration.logDurability)\" is not async, sync or off")
        }
        log.durability = durability
        log.maxAge = configuration.logMaxAgeDays.map { .seconds(Int64($0) * 86_400) }
        log.maxBytes = configuration.logMaxBytes
        inferenceLog = try InferenceLog(directory: configuration.dataDirectory.appendingPathComponent("logs"), configuration: log)
        authenticator = Authenticator(store: store)
        deployments = DeploymentRegistry(store: store, metrics: metrics, logger: logger)
    }

    /// The router with every route and middleware: the API and the web UI.
    func makeRouter() -> Router<LastmileRequestContext> {
        let router = makeAPIRouter()
        // The UI calls the API in-process through a router of its own, with the session's token.
        let api = InternalAPI(responder: makeAPIRouter().buildResponder())
        do {
            addUIRoutes(to: router, api: api, renderer: try UIRenderer())
        } catch {
            logger.error("the web UI's templates do not parse, so /ui is off: \(error)")
        }
        return router
    }

    /// The router of the API alone (everything but `/ui`).
    func makeAPIRouter() -> Router<LastmileRequestContext> {
        let router = Router(context: LastmileRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: AuthMiddleware(authenticator: authenticator))
        addHealthRoutes(to: router)
        addUserRoutes(to: router)
        addWorkspaceRoutes(to: router)
        addModelRoutes(to: router)
        addPipelineRoutes(to: router)
        addDeploymentRoutes(to: router)
        addCanaryRoutes(to: router)
        addInferenceRoutes(to: router)
        addOpenInferenceRoutes(to: router)
        addMetricsRoutes(to: router)
        addLogRoutes(to: router)
        addExplainRoutes(to: router)
        addAssayRoutes(to: router)
        addMetricsSeriesRoutes(to: router)
        return router
    }

    /// Makes sure an admin exists and says where its token is; returns the lines to print.
    ///
    /// With `adminToken` set, the admin's token becomes that value; otherwise the first start
    /// generates one and writes it to `<data-dir>/admin.token` with mode 0600.
    func bootstrapAdmin() throws -> [String] {
        let tokenFile = configuration.dataDirectory.appendingPathComponent("admin.token")
        if let token = configuration.adminToken {
            if try store.user(named: "admin") == nil {
                _ = try store.createUser(name: "admin", admin: true, token: token)
            } else {
                try store.replaceToken(user: "admin", token: token)
            }
            authenticator.invalidate()
            return ["admin token: from LASTMILE_ADMIN_TOKEN"]
        }
        if try store.user(named: "admin") != nil {
            return ["admin token: in \(tokenFile.path) (written at first start)"]
        }
        let reply = try store.createUser(name: "admin", admin: true)
        try SecretFile.write(Data((reply.token + "\n").utf8), to: tokenFile)
        return ["admin token (shown once, also in \(tokenFile.path)): \(reply.token)"]
    }
}

/// A flag set once, read by the readiness check.
final class ReadyFlag: Sendable {
    private let value = Atomic<Bool>(false)

    var isSet: Bool { value.load(ordering: .acquiring) }

    func set() { value.store(true, ordering: .releasing) }
}
