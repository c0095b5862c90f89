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

/// A route of a `randomSplit` step: a model version and its relative share of the rows.
public struct WeightedRoute: Codable, Sendable, Equatable {
    public var model: ModelReference
    /// Relative weight: a route gets `weight / sum of weights` of the rows. Positive.
    public var weight: Double

    public init(model: ModelReference, weight: Double) {
        self.model = model
        self.weight = weight
    }
}

/// `{"randomSplit": {"routes": [...], "hashKey"?: "field"}}`: each row takes one route, with
/// probability proportional to the routes' weights. With `hashKey`, a stable hash of that
/// input field's value decides instead of chance, so equal keys always take the same route.
public struct RandomSplit: Codable, Sendable, Equatable {
    public var routes: [WeightedRoute]
    public var hashKey: String?

    public init(routes: [WeightedRoute], hashKey: String? = nil) {
        self.routes = routes
        self.hashKey = hashKey
    }
}

/// `{"keySplit": {"key": "field", "routes": {"gold": {...}}, "default": {...}}}`: a row whose
/// `key` input equals one of the route names (compared as text) takes that route; any other
/// row takes `default`.
public struct KeySplit: Codable, Sendable, Equatable {
    public var key: String
    public var routes: [String: ModelReference]
    public var `default`: ModelReference

    public init(key: String, routes: [String: ModelReference], default: ModelReference) {
        self.key = key
        self.routes = routes
        self.default = `default`
    }

    /// The route names in the order the runtime numbers routes (sorted), then the default.
    public var routeNames: [String] { routes.keys.sorted() }
}

/// `{"shadow": {"champion": {...}, "challengers": [{...}, ...]}}`: every row runs through the
/// champion and every challenger; the champion's outputs go on to the next step and into the
/// reply's `out`, each challenger's into `out_<model>` (replies and logs). A challenger that
/// fails never fails the request: its error is reported and counted instead.
public struct Shadow: Codable, Sendable, Equatable {
    public var champion: ModelReference
    public var challengers: [ModelReference]

    public init(champion: ModelReference, challengers: [ModelReference]) {
        self.champion = champion
        self.challengers = challengers
    }

    /// The reply field of a challenger's outputs: `out_<model>`.
    public static func field(model: String) -> String { "out_\(model)" }
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
    /// Sends each row to one of several model versions with the same signature, by weight
    /// (at random or by a hashed key); the choice is reported as `out._model_split`.
    case randomSplit(RandomSplit)
    /// Sends each row to the model version named by the value of one of its inputs; the
    /// choice is reported as `out._model_split`.
    case keySplit(KeySplit)
    /// Runs the champion and, beside it on the same rows, each challenger; the champion's
    /// outputs go on, the challengers' are reported as `out_<model>`.
    case shadow(Shadow)

    /// The step kinds this version understands, in the order messages list them.
    public static let kinds = ["model", "randomSplit", "keySplit", "shadow", "validations"]

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
        case "randomSplit":
            self = .randomSplit(try container.decode(RandomSplit.self, forKey: Key(stringValue: kind)))
        case "keySplit":
            self = .keySplit(try container.decode(KeySplit.self, forKey: Key(stringValue: kind)))
        case "shadow":
            self = .shadow(try container.decode(Shadow.self, forKey: Key(stringValue: kind)))
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
        case .randomSplit(let split):
            try container.encode(split, forKey: Key(stringValue: "randomSplit"))
        case .keySplit(let split):
            try container.encode(split, forKey: Key(stringValue: "keySplit"))
        case .shadow(let shadow):
            try container.encode(shadow, forKey: Key(stringValue: "shadow"))
        }
    }

    /// The model references this step runs: one for a model step, the routes in order for a
    /// split (a key split's named routes sorted, then its default), the champion then the
    /// challengers for a shadow, none for validations.
    public var models: [ModelReference] {
        switch self {
        case .model(let reference): [reference]
        case .validations: []
        case .randomSplit(let split): split.routes.map(\.model)
        case .keySplit(let split): split.routeNames.compactMap { split.routes[$0] } + [split.default]
        case .shadow(let shadow): [shadow.champion] + shadow.challengers
        }
    }

    /// The step with every model reference replaced by `transform`'s result, in `models` order.
    public func mappingModels(_ transform: (ModelReference) throws -> ModelReference) rethrows -> PipelineStep {
        switch self {
        case .model(let reference):
            return .model(try transform(reference))
        case .validations:
            return self
        case .randomSplit(var split):
            for index in split.routes.indices { split.routes[index].model = try transform(split.routes[index].model) }
            return .randomSplit(split)
        case .keySplit(var split):
            for name in split.routeNames { split.routes[name] = try transform(split.routes[name]!) }
            split.default = try transform(split.default)
            return .keySplit(split)
        case .shadow(var shadow):
            shadow.champion = try transform(shadow.champion)
            for index in shadow.challengers.indices { shadow.challengers[index] = try transform(shadow.challengers[index]) }
            return .shadow(shadow)
        }
    }

    /// Whether the step splits rows between routes.
    public var isSplit: Bool {
        switch self {
        case .randomSplit, .keySplit: true
        case .model, .validations, .shadow: false
        }
    }

    /// Whether the step runs challengers beside a champion.
    public var isShadow: Bool {
        if case .shadow = self { return true }
        return false
    }

    /// A message saying what is wrong with a split or shadow step's own fields (no routes, a
    /// weight that is not a positive number, an empty key, no challenger, two challengers of
    /// one model), or nil.
    public var problem: String? {
        switch self {
        case .model, .validations:
            return nil
        case .shadow(let shadow):
            if shadow.challengers.isEmpty { return "a shadow step needs at least one challenger, such as {\"champion\": {\"name\": \"a\"}, \"challengers\": [{\"name\": \"b\"}]}" }
            var seen: Set<String> = []
            for challenger in shadow.challengers where !seen.insert(challenger.name).inserted {
                return "a shadow step has two challengers of model \"\(challenger.name.prefix(63))\"; their outputs are reported as out_<model>, so challengers need distinct models"
            }
            return nil
        case .randomSplit(let split):
            if split.routes.isEmpty { return "a randomSplit step needs at least one route, such as {\"model\": {\"name\": \"m\"}, \"weight\": 1}" }
            if let bad = split.routes.firstIndex(where: { !($0.weight > 0) || !$0.weight.isFinite }) {
                return "route \(bad + 1) of a randomSplit step has weight \(split.routes[bad].weight); weights are positive numbers"
            }
            if split.hashKey?.isEmpty == true { return "a randomSplit step's hashKey is empty; name an input field or leave it out" }
            return nil
        case .keySplit(let split):
            if split.key.isEmpty { return "a keySplit step's key is empty; name the input field whose value picks the route" }
            return nil
        }
    }
}

extension PipelineStep {
    /// The output every pipeline with a split step adds: per row, the chosen route's model
    /// name and version id.
    public static let splitOutputName = "_model_split"
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
