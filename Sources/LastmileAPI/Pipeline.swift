import Foundation

/// A model version named by a pipeline step.
///
/// Without `version`, the step means the model's latest version at the time the pipeline
/// version is created; the stored pipeline version always names the exact version (a UUID).
public struct ModelReference: Codable, Sendable, Equatable, Hashable {
    public var name: String
    public var version: String?

    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }
}

/// One step of a pipeline: a tagged union written as a one-key object, `{"model": {...}}`.
///
/// Later step kinds (`randomSplit`, `keySplit`, `shadow`, `validations`) join as further keys
/// of the same object form, so stored pipelines keep decoding.
public enum PipelineStep: Codable, Sendable, Equatable {
    /// Runs one model version; its outputs feed the next step.
    case model(ModelReference)
    /// Evaluates named expressions over each row's `in` and `out` fields; a row for which an
    /// expression is true is flagged as `anomaly.<name>` and counted in `anomaly.count`. The
    /// row's values pass through unchanged.
    case validations([String: String])

    /// The step kinds this version understands, in the order messages list them.
    public static let kinds = ["model", "validations"]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let keys = container.allKeys.map(\.stringValue)
        guard keys.count == 1, let kind = keys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a step is an object with exactly one key, the step kind (one of \(Self.kinds.joined(separator: ", "))); this one has \(keys.count == 0 ? "none" : keys.sorted().joined(separator: ", "))"))
        }
        switch kind {
        case "model":
            self = .model(try container.decode(ModelReference.self, forKey: Key(stringValue: kind)))
        case "validations":
            self = .validations(try container.decode([String: String].self, forKey: Key(stringValue: kind)))
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown step kind \"\(kind.prefix(40))\"; expected one of \(Self.kinds.joined(separator: ", "))"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .model(let reference):
            try container.encode(reference, forKey: Key(stringValue: "model"))
        case .validations(let rules):
            try container.encode(rules, forKey: Key(stringValue: "validations"))
        }
    }

    /// The model references this step runs.
    public var models: [ModelReference] {
        switch self {
        case .model(let reference): [reference]
        case .validations: []
        }
    }
}

/// `PUT /v1/pipelines/{pipeline}`: creates the pipeline's next version.
public struct CreatePipelineRequest: Codable, Sendable, Equatable {
    public var workspace: String
    public var steps: [PipelineStep]

    public init(workspace: String, steps: [PipelineStep]) {
        self.workspace = workspace
        self.steps = steps
    }
}

/// An immutable list of steps, each naming exact model versions.
public struct PipelineVersion: Codable, Sendable, Equatable {
    public var pipeline: String
    public var workspace: String
    /// 1 for the first version, then counting up.
    public var version: Int
    public var steps: [PipelineStep]
    /// The inputs of the first step, which are the pipeline's inputs.
    public var inputs: [TensorSpec]
    /// The outputs of the last step, which are the pipeline's outputs.
    public var outputs: [TensorSpec]
    public var createdAt: Date

    public init(pipeline: String, workspace: String, version: Int, steps: [PipelineStep], inputs: [TensorSpec], outputs: [TensorSpec], createdAt: Date) {
        self.pipeline = pipeline
        self.workspace = workspace
        self.version = version
        self.steps = steps
        self.inputs = inputs
        self.outputs = outputs
        self.createdAt = createdAt
    }
}

/// A named, deployable chain of steps; the name is unique on the server.
public struct Pipeline: Codable, Sendable, Equatable {
    public var name: String
    public var workspace: String
    public var createdAt: Date
    /// The newest version.
    public var latestVersion: PipelineVersion
    /// The deployment, when the pipeline is deployed.
    public var deployment: Deployment?

    public init(name: String, workspace: String, createdAt: Date, latestVersion: PipelineVersion, deployment: Deployment?) {
        self.name = name
        self.workspace = workspace
        self.createdAt = createdAt
        self.latestVersion = latestVersion
        self.deployment = deployment
    }
}
