import Foundation

/// How a deployment merges the rows of concurrent requests into one engine call.
public struct BatchingConfig: Codable, Sendable, Equatable {
    /// The most rows one engine call takes; 1 turns batching off.
    public var maxBatchSize: Int
    /// The longest a request waits for others to join its batch, in microseconds.
    public var maxDelayMicros: Int

    public init(maxBatchSize: Int = 1, maxDelayMicros: Int = 0) {
        self.maxBatchSize = maxBatchSize
        self.maxDelayMicros = maxDelayMicros
    }
}

/// How a pipeline version runs: replicas, batching and the request queue.
///
/// Every field is optional on the wire; missing ones take the defaults below.
public struct DeploymentConfig: Codable, Sendable, Equatable {
    /// Replicas, each on its own thread. Default 1.
    public var replicas: Int
    public var batching: BatchingConfig
    /// Requests that may wait for a replica before the server answers 503. Default 1024.
    public var queueCapacity: Int

    public init(replicas: Int = 1, batching: BatchingConfig = BatchingConfig(), queueCapacity: Int = 1024) {
        self.replicas = replicas
        self.batching = batching
        self.queueCapacity = queueCapacity
    }

    private enum CodingKeys: String, CodingKey {
        case replicas, batching, queueCapacity
    }

    private enum BatchingKeys: String, CodingKey {
        case maxBatchSize, maxDelayMicros
    }

    public init(from decoder: any Decoder) throws {
        let defaults = DeploymentConfig()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        replicas = try container.decodeIfPresent(Int.self, forKey: .replicas) ?? defaults.replicas
        queueCapacity = try container.decodeIfPresent(Int.self, forKey: .queueCapacity) ?? defaults.queueCapacity
        if container.contains(.batching) {
            let batch = try container.nestedContainer(keyedBy: BatchingKeys.self, forKey: .batching)
            batching = BatchingConfig(
                maxBatchSize: try batch.decodeIfPresent(Int.self, forKey: .maxBatchSize) ?? defaults.batching.maxBatchSize,
                maxDelayMicros: try batch.decodeIfPresent(Int.self, forKey: .maxDelayMicros) ?? defaults.batching.maxDelayMicros
            )
        } else {
            batching = defaults.batching
        }
    }

    /// Returns a message naming the first field out of range, or nil when the config is valid.
    public var problem: String? {
        if !(1...64).contains(replicas) { return "config.replicas is \(replicas); it must be between 1 and 64" }
        if !(1...100_000).contains(batching.maxBatchSize) { return "config.batching.maxBatchSize is \(batching.maxBatchSize); it must be between 1 and 100000" }
        if !(0...1_000_000).contains(batching.maxDelayMicros) { return "config.batching.maxDelayMicros is \(batching.maxDelayMicros); it must be between 0 and 1000000 (one second)" }
        if !(1...1_000_000).contains(queueCapacity) { return "config.queueCapacity is \(queueCapacity); it must be between 1 and 1000000" }
        return nil
    }
}

/// `POST /v1/pipelines/{p}/deploy`: deploys a version (default: the latest) with a config.
public struct DeployRequest: Codable, Sendable, Equatable {
    public var version: Int?
    public var config: DeploymentConfig?

    public init(version: Int? = nil, config: DeploymentConfig? = nil) {
        self.version = version
        self.config = config
    }
}

/// Where a deployment is in its life.
public enum DeploymentState: String, Codable, Sendable, Equatable {
    /// Compiling and warming the pipeline version.
    case starting
    /// Serving requests.
    case running
    /// Could not start; `Deployment.error` says why.
    case failed
}

/// A pipeline version running on replicas.
public struct Deployment: Codable, Sendable, Equatable {
    public var pipeline: String
    public var version: Int
    public var state: DeploymentState
    /// Why the deployment failed, when it did.
    public var error: String?
    public var config: DeploymentConfig
    /// Replicas running now.
    public var replicas: Int
    public var updatedAt: Date

    public init(pipeline: String, version: Int, state: DeploymentState, error: String? = nil, config: DeploymentConfig, replicas: Int, updatedAt: Date) {
        self.pipeline = pipeline
        self.version = version
        self.state = state
        self.error = error
        self.config = config
        self.replicas = replicas
        self.updatedAt = updatedAt
    }
}
