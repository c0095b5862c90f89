import Foundation
import LastmileAPI
import LastmileEngine

/// Reads a model's signature and proves the engine can run it.
public enum ModelSignature {
    /// The datatype of a sequence of maps (a ZipMap output) and of any other non-tensor value.
    public static let jsonDatatype = "JSON"

    /// Loads ONNX bytes into an `InferenceSession` and maps its inputs and outputs to `TensorSpec`s.
    ///
    /// Throws the engine's `EngineError` unchanged, so callers can list the `unsupported` ops.
    /// A tensor's datatype is its element type's Open Inference Protocol name and its shape
    /// keeps fixed dimensions, with -1 for symbolic or unknown ones; a sequence (of ZipMap's
    /// maps, or anything else) or a map is `JSON` with shape `[-1]`. A tensor whose element
    /// type Lastmile cannot store keeps its ONNX type string (`tensor(?)`) as the datatype,
    /// and a tensor of unknown rank gets shape `[-1]`.
    public static func read(_ bytes: Data) throws -> (session: InferenceSession, inputs: [TensorSpec], outputs: [TensorSpec]) {
        let session = try InferenceSession(serialized: bytes)
        return (session, specs(session.inputs), specs(session.outputs))
    }

    /// The specs of declared values, in the order given.
    static func specs(_ infos: [ValueInfo]) -> [TensorSpec] {
        infos.map(spec)
    }

    /// The spec of one declared value.
    static func spec(_ info: ValueInfo) -> TensorSpec {
        switch info.type {
        case .tensor(let dtype, let dims):
            let datatype = dtype?.v2Name ?? info.type.description
            let shape = dims.map { $0.map(size) } ?? [-1]
            return TensorSpec(name: info.name, datatype: datatype, shape: shape)
        case .sequence, .map, .unknown:
            return TensorSpec(name: info.name, datatype: jsonDatatype, shape: [-1])
        }
    }

    /// The fixed size of a dimension, or -1 when it varies.
    static func size(_ dim: Dim) -> Int {
        if case .fixed(let n) = dim { return n }
        return -1
    }
}
