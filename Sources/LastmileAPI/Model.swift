import Foundation

/// One input or output of a model or pipeline, in Open Inference Protocol terms.
public struct TensorSpec: Codable, Sendable, Equatable {
    public var name: String
    /// The Open Inference Protocol datatype (`FP32`, `INT64`, `BYTES`, ...), or `JSON` for a
    /// sequence of maps (a ZipMap output).
    public var datatype: String
    /// The dimensions; -1 marks a dimension that varies (such as the batch).
    public var shape: [Int]

    public init(name: String, datatype: String, shape: [Int]) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
    }
}

/// An immutable model artifact: the ONNX bytes (addressed by sha256) and their signature.
public struct ModelVersion: Codable, Sendable, Equatable {
    /// A UUID.
    public var id: String
    public var model: String
    public var workspace: String
    public var sha256: String
    /// The artifact's size in bytes.
    public var size: Int
    public var createdAt: Date
    public var inputs: [TensorSpec]
    public var outputs: [TensorSpec]

    public init(id: String, model: String, workspace: String, sha256: String, size: Int, createdAt: Date, inputs: [TensorSpec], outputs: [TensorSpec]) {
        self.id = id
        self.model = model
        self.workspace = workspace
        self.sha256 = sha256
        self.size = size
        self.createdAt = createdAt
        self.inputs = inputs
        self.outputs = outputs
    }
}

/// A model name in a workspace with its versions, oldest first.
public struct Model: Codable, Sendable, Equatable {
    public var name: String
    public var workspace: String
    public var createdAt: Date
    public var versions: [ModelVersion]

    public init(name: String, workspace: String, createdAt: Date, versions: [ModelVersion]) {
        self.name = name
        self.workspace = workspace
        self.createdAt = createdAt
        self.versions = versions
    }
}
