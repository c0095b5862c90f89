import LastmileEngine
import LastmileTensor

extension OpenInferenceCodec {
    /// Encodes a v2 infer response:
    /// `{"model_name", "model_version"?, "id"?, "outputs": [{"name", "datatype", "shape", "data"}]}`.
    ///
    /// Tensor outputs for which `binary(name)` is true carry `"parameters": {"binary_data_size": n}`
    /// instead of `data`, and their bytes follow the JSON in output order (little-endian, BOOL as
    /// one byte, BYTES as a 4-byte little-endian length and the bytes); `jsonLength` is then the
    /// JSON's length (the `Inference-Header-Content-Length` reply header), otherwise nil.
    /// NaN and infinities are the strings "NaN", "Infinity" and "-Infinity"; floats use their
    /// shortest round-trip text. A sequence of maps (ZipMap) is written as
    /// `{"name", "datatype": "JSON", "shape": [n], "data": [{key: value}, ...]}` and never as binary.
    /// Throws `RuntimeError(.inferenceFailed)` for an output that is neither a tensor nor a
    /// sequence of maps.
    public static func encodeResponse(
        modelName: String, modelVersion: String?, id: String?, outputs: [NamedValue], binary: (String) -> Bool
    ) throws -> (bytes: [UInt8], jsonLength: Int?) {
        var estimate = 128
        for output in outputs {
            if case .tensor(let t) = output.value { estimate += 64 + t.count * (t.dtype == .float64 ? 24 : 12) }
        }
        var writer = ByteWriter(capacity: estimate)
        writer.append("{\"model_name\":")
        writer.appendQuoted(modelName)
        if let modelVersion {
            writer.append(",\"model_version\":")
            writer.appendQuoted(modelVersion)
        }
        if let id {
            writer.append(",\"id\":")
            writer.appendQuoted(id)
        }
        writer.append(",\"outputs\":[")
        var binaryOutputs: [TensorStorage] = []
        for (index, output) in outputs.enumerated() {
            if index > 0 { writer.append(UInt8(ascii: ",")) }
            writer.append("{\"name\":")
            writer.appendQuoted(output.name)
            switch output.value {
            case .tensor(let tensor):
                writer.append(",\"datatype\":\"")
                writer.append(contentsOf: Array(tensor.dtype.v2Name.utf8))
                writer.append("\",\"shape\":")
                writeShape(tensor.shape, to: &writer)
                if binary(output.name) {
                    writer.append(",\"parameters\":{\"binary_data_size\":")
                    writer.append(Int64(TensorWriter.binarySize(tensor.storage)))
                    writer.append("}}")
                    binaryOutputs.append(tensor.storage)
                } else {
                    writer.append(",\"data\":")
                    TensorWriter.write(tensor.storage, .flatList, to: &writer)
                    writer.append(UInt8(ascii: "}"))
                }
            case .sequence(let items):
                try TensorWriter.checkMaps(items, output: output.name)
                writer.append(",\"datatype\":\"JSON\",\"shape\":[")
                writer.append(Int64(items.count))
                writer.append("],\"data\":[")
                for (k, item) in items.enumerated() {
                    if k > 0 { writer.append(UInt8(ascii: ",")) }
                    if case .map(let map) = item { TensorWriter.writeMap(map, to: &writer) }
                }
                writer.append("]}")
            case .map:
                throw RuntimeError(.inferenceFailed, "output \(CodecField.quote(output.name)) is a single map; only tensors and sequences of maps (ZipMap) can be written")
            }
        }
        writer.append("]}")
        guard !binaryOutputs.isEmpty else { return (writer.bytes, nil) }
        let jsonLength = writer.bytes.count
        for storage in binaryOutputs {
            TensorWriter.write(storage, .binary, to: &writer)
        }
        return (writer.bytes, jsonLength)
    }

    static func writeShape(_ shape: [Int], to writer: inout ByteWriter) {
        writer.append(UInt8(ascii: "["))
        for (i, dim) in shape.enumerated() {
            if i > 0 { writer.append(UInt8(ascii: ",")) }
            writer.append(Int64(dim))
        }
        writer.append(UInt8(ascii: "]"))
    }
}
