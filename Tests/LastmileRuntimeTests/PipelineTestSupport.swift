import Foundation
import LastmileAPI
import LastmileEngine
import LastmileTensor
import LastmileTesting
@testable import LastmileRuntime

/// Model bytes by sha256, for compiling pipelines in tests.
struct MemoryArtifacts: ArtifactSource {
    var models: [String: Data]

    func modelBytes(sha256: String) throws -> Data {
        guard let bytes = models[sha256] else { throw RuntimeError(.invalidPipeline, "no artifact \(sha256)") }
        return bytes
    }
}

/// Small ONNX models built in tests.
enum TestModels {
    /// `out = in <op> constant`, for float tensors of shape [N, 4] (or `shape`).
    static func binary(_ op: String, input: String, output: String, constant: [Float] = [1, 2, 3, 4], shape: [Int?] = [nil, 4]) throws -> Data {
        var builder = ModelBuilder()
        builder.input(input, .float32, shape)
        builder.initializer("c", try Tensor(shape: [constant.count], elements: constant))
        builder.node(op, inputs: [input, "c"], outputs: [output])
        builder.output(output, .float32, shape)
        return try builder.serialized()
    }

    /// `out = a + b`, for two float inputs of shape [N, 4].
    static func sum(_ a: String, _ b: String, output: String) throws -> Data {
        var builder = ModelBuilder()
        builder.input(a, .float32, [nil, 4])
        builder.input(b, .float32, [nil, 4])
        builder.node("Add", inputs: [a, b], outputs: [output])
        builder.output(output, .float32, [nil, 4])
        return try builder.serialized()
    }

    /// `out = sum of in over rows`: one output of shape [4] whatever the row count.
    static func columnSums(input: String, output: String) throws -> Data {
        var builder = ModelBuilder()
        builder.input(input, .float32, [nil, 4])
        builder.initializer("axes", try Tensor(shape: [1], elements: [Int64(0)]))
        builder.node("ReduceSum", inputs: [input, "axes"], outputs: [output], ints: ["keepdims": 0])
        builder.output(output, .float32, [4])
        return try builder.serialized()
    }
}

/// A model version whose signature is read from the bytes, stored under `sha256 = "sha-<name>"`.
func modelVersion(_ name: String, _ bytes: Data) throws -> ModelVersion {
    let signature = try ModelSignature.read(bytes)
    return ModelVersion(
        id: "\(name)-0000-uuid", model: name, workspace: "ws", sha256: "sha-\(name)", size: bytes.count,
        createdAt: Date(timeIntervalSince1970: 0), inputs: signature.inputs, outputs: signature.outputs
    )
}

/// A model version with a hand-written signature, for chain checks.
func modelVersion(_ name: String, inputs: [TensorSpec], outputs: [TensorSpec]) -> ModelVersion {
    ModelVersion(
        id: "\(name)-1b2c3d4e-uuid", model: name, workspace: "ws", sha256: "sha-\(name)", size: 1,
        createdAt: Date(timeIntervalSince1970: 0), inputs: inputs, outputs: outputs
    )
}

/// Compiles a pipeline of the named models, in order.
func compile(_ pipeline: String, _ models: [(name: String, bytes: Data)]) throws -> CompiledPipeline {
    let versions = try models.map { try modelVersion($0.name, $0.bytes) }
    let chain = try PipelineChain.check(versions)
    let version = PipelineVersion(
        pipeline: pipeline, workspace: "ws", version: 1,
        steps: versions.map { .model(ModelReference(name: $0.model, version: $0.id)) },
        inputs: chain.inputs, outputs: chain.outputs, createdAt: Date(timeIntervalSince1970: 0)
    )
    let artifacts = MemoryArtifacts(models: Dictionary(uniqueKeysWithValues: models.map { ("sha-\($0.name)", $0.bytes) }))
    return try CompiledPipeline(version: version, models: versions, artifacts: artifacts)
}

/// A float tensor of shape [rows, 4] whose elements start at `start` and count up.
func rows(_ count: Int, from start: Float) -> Tensor {
    Tensor(unchecked: [count, 4], (0..<count * 4).map { start + Float($0) })
}

/// Whether two values have the same structure and agree within float tolerance.
func same(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.tensor(let x), .tensor(let y)):
        guard x.shape == y.shape, x.dtype == y.dtype else { return false }
        if x.dtype.isFloatingPoint { return close(x.doubles, y.doubles ?? [], tolerance: 1e-5) }
        return x == y
    case (.sequence(let xs), .sequence(let ys)):
        return xs.count == ys.count && zip(xs, ys).allSatisfy(same)
    case (.map(let x), .map(let y)):
        return same(.tensor(x.keys), .tensor(y.keys)) && same(.tensor(x.values), .tensor(y.values))
    default:
        return false
    }
}
