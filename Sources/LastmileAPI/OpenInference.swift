/// `GET /v2`: the Open Inference Protocol server metadata.
public struct ServerMetadata: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var extensions: [String]

    public init(name: String, version: String, extensions: [String]) {
        self.name = name
        self.version = version
        self.extensions = extensions
    }
}

/// `GET /v2/models/{model}`: the Open Inference Protocol model metadata of a pipeline.
public struct ModelMetadata: Codable, Sendable, Equatable {
    public var name: String
    public var versions: [String]
    public var platform: String
    public var inputs: [TensorSpec]
    public var outputs: [TensorSpec]

    public init(name: String, versions: [String], platform: String, inputs: [TensorSpec], outputs: [TensorSpec]) {
        self.name = name
        self.versions = versions
        self.platform = platform
        self.inputs = inputs
        self.outputs = outputs
    }
}
