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

/// Where a model version stands: uploaded ONNX is `ready` at once; a native artifact the server
/// converts is `converting` until the converter ends `ready` or `failed`.
public enum ModelVersionStatus: String, Codable, Sendable, Equatable, CaseIterable {
    case ready
    case converting
    case failed
}

/// An immutable model artifact: the ONNX bytes (addressed by sha256) and their signature.
///
/// A version still `converting` (or `failed`) has no artifact yet: its `sha256` is empty, its
/// `size` 0 and its signature empty; pipelines cannot use it.
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
    /// `ready` for uploaded ONNX; see `ModelVersionStatus`.
    public var status: ModelVersionStatus
    /// Why a conversion failed (the converter's message), or what it reported when it succeeded.
    public var statusMessage: String?

    public init(
        id: String, model: String, workspace: String, sha256: String, size: Int, createdAt: Date,
        inputs: [TensorSpec], outputs: [TensorSpec], status: ModelVersionStatus = .ready, statusMessage: String? = nil
    ) {
        self.id = id
        self.model = model
        self.workspace = workspace
        self.sha256 = sha256
        self.size = size
        self.createdAt = createdAt
        self.inputs = inputs
        self.outputs = outputs
        self.status = status
        self.statusMessage = statusMessage
    }

    private enum CodingKeys: String, CodingKey {
        case id, model, workspace, sha256, size, createdAt, inputs, outputs, status, statusMessage
    }

    /// Decodes a version; one written before conversions existed (no `status`) is `ready`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        model = try container.decode(String.self, forKey: .model)
        workspace = try container.decode(String.self, forKey: .workspace)
        sha256 = try container.decode(String.self, forKey: .sha256)
        size = try container.decode(Int.self, forKey: .size)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        inputs = try container.decode([TensorSpec].self, forKey: .inputs)
        outputs = try container.decode([TensorSpec].self, forKey: .outputs)
        status = try container.decodeIfPresent(ModelVersionStatus.self, forKey: .status) ?? .ready
        statusMessage = try container.decodeIfPresent(String.self, forKey: .statusMessage)
    }
}

/// The frameworks whose native artifacts the server converts to ONNX
/// (`POST /v1/workspaces/{ws}/models/{m}?framework=...`).
public enum ModelFramework: String, Codable, Sendable, CaseIterable {
    case sklearn
    case xgboost
    case lightgbm
    case keras
    case pytorch
}

/// The body of a conversion upload: the native artifact and a sample of the model's input.
public struct ConvertModelRequest: Codable, Sendable, Equatable {
    /// The artifact's bytes, base64: a pickle/joblib file, an XGBoost JSON/UBJ model, a LightGBM
    /// text model, a `.keras`/`.h5` file or a (TorchScript or pickled) PyTorch module.
    public var artifact: String
    /// A few rows of input: a nested list (one matrix input `X`) or an object of columns.
    public var sample: JSONValue

    public init(artifact: String, sample: JSONValue) {
        self.artifact = artifact
        self.sample = sample
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
