import LastmileTensor

/// Reads Open Inference Protocol (KServe v2) infer requests and writes their responses,
/// straight between body bytes and tensor storage.
///
/// Requests: `{"id"?, "parameters"?, "inputs": [{"name", "shape", "datatype", "parameters"?,
/// "data"}], "outputs"?: [{"name", "parameters"?: {"binary_data"?}}]}`. `data` is flat or nested
/// row-major; datatypes BOOL, UINT8..UINT64, INT8..INT64, FP16, FP32, FP64 and BYTES (text).
/// Floats also accept "NaN", "Infinity", "-Infinity" and null (NaN). The binary tensor data
/// extension is supported both ways. Every failure is `RuntimeError(.badInput)`.
public enum OpenInferenceCodec {
    /// The most elements one tensor may declare.
    public static let maxElements = 1 << 28
    /// The highest rank a tensor may declare.
    public static let maxRank = 32

    /// Decodes a v2 infer request straight from the body bytes.
    ///
    /// When `jsonLength` (the `Inference-Header-Content-Length` header) is given,
    /// `body[0..<jsonLength]` is the JSON and the remaining bytes hold the tensors whose inputs
    /// carry `parameters.binary_data_size`, in input order: little-endian, BOOL as one byte,
    /// BYTES as a 4-byte little-endian length and the bytes of each element. The sizes must
    /// add up to exactly the bytes after the JSON. Each tensor's element count must equal the
    /// product of its shape, at most `maxElements`.
    public static func decodeRequest(_ body: UnsafeRawBufferPointer, jsonLength: Int?) throws -> OpenInferenceRequest {
        var jsonEnd = body.count
        if let jsonLength {
            guard jsonLength >= 0, jsonLength <= body.count else {
                throw RuntimeError(.badInput, "Inference-Header-Content-Length is \(jsonLength), but the body has \(body.count) bytes")
            }
            jsonEnd = jsonLength
        }
        var scanner = JSONScanner(body, end: jsonEnd)
        var request = OpenInferenceRequest(inputs: [])
        var pending: [PendingInput] = []
        var sawInputs = false
        if try scanner.beginObject("a JSON object {\"inputs\": [...]}") {
            repeat {
                let key = try scanner.readKey()
                if scanner.span(key, equals: "inputs") {
                    sawInputs = true
                    pending = try readInputs(&scanner)
                } else if scanner.span(key, equals: "outputs") {
                    request.outputs = try readOutputs(&scanner)
                } else if scanner.span(key, equals: "id") {
                    request.id = try scanner.readString("a string \"id\"")
                } else if scanner.span(key, equals: "parameters") {
                    request.binaryDataOutput = try readBoolParameter(&scanner, "binary_data_output", of: "the request") ?? false
                } else {
                    try scanner.skipValue()
                }
            } while try scanner.nextMember()
        }
        try scanner.expectEnd()
        guard sawInputs, !pending.isEmpty else {
            throw RuntimeError(.badInput, "the request has no inputs; send {\"inputs\": [{\"name\", \"shape\", \"datatype\", \"data\"}]}")
        }
        request.inputs = try finish(pending, body: body, jsonEnd: jsonEnd, hasBinaryHeader: jsonLength != nil)
        return request
    }

    // MARK: - Inputs

    /// An input read from the JSON; binary inputs get their storage once the JSON is done.
    struct PendingInput {
        var name: String
        var dtype: DType
        var shape: [Int]
        var storage: TensorStorage?
        var binarySize: Int?
    }

    static func readInputs(_ scanner: inout JSONScanner) throws -> [PendingInput] {
        var inputs: [PendingInput] = []
        guard try scanner.beginArray("a list of input objects for \"inputs\"") else { return [] }
        repeat {
            let input = try readInput(&scanner, index: inputs.count)
            if inputs.contains(where: { $0.name == input.name }) {
                throw RuntimeError(.badInput, "input \(CodecField.quote(input.name)) appears twice in the request")
            }
            inputs.append(input)
        } while try scanner.nextElement()
        return inputs
    }

    private static func readInput(_ scanner: inout JSONScanner, index: Int) throws -> PendingInput {
        var name: String?
        var dtype: DType?
        var shape: [Int]?
        var binarySize: Int?
        var storage: TensorStorage?
        var deferredData: JSONScanner?
        if try scanner.beginObject("an input object {\"name\", \"shape\", \"datatype\", \"data\"} in \"inputs\"") {
            repeat {
                let key = try scanner.readKey()
                if scanner.span(key, equals: "name") {
                    name = try scanner.readString("a string \"name\" for inputs[\(index)]")
                } else if scanner.span(key, equals: "datatype") {
                    let text = try scanner.readString("a string \"datatype\" for inputs[\(index)]")
                    guard let type = DType(v2Name: text) else {
                        throw RuntimeError(.badInput, "\(label(name, index)) has datatype \(CodecField.quote(text)); expected one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES")
                    }
                    dtype = type
                } else if scanner.span(key, equals: "shape") {
                    shape = try readShape(&scanner, label: label(name, index))
                } else if scanner.span(key, equals: "parameters") {
                    binarySize = try readBinaryDataSize(&scanner, label: label(name, index))
                } else if scanner.span(key, equals: "data") {
                    if let name, let dtype, let shape {
                        storage = try readData(&scanner, field: CodecField(name: name), dtype: dtype, shape: shape)
                    } else {
                        deferredData = scanner
                        try scanner.skipValue()
                    }
                } else {
                    try scanner.skipValue()
                }
            } while try scanner.nextMember()
        }
        guard let name else { throw RuntimeError(.badInput, "inputs[\(index)] has no \"name\" string") }
        let field = CodecField(name: name)
        guard let dtype else {
            throw field.error("has no \"datatype\" (one of BOOL, UINT8..UINT64, INT8..INT64, FP16, FP32, FP64, BYTES)")
        }
        guard let shape else { throw field.error("has no \"shape\" list") }
        if var deferred = deferredData {
            storage = try readData(&deferred, field: field, dtype: dtype, shape: shape)
        }
        if storage != nil, binarySize != nil {
            throw field.error("has both \"data\" and parameters.binary_data_size; send one")
        }
        if storage == nil, binarySize == nil {
            throw field.error("has no \"data\" (or parameters.binary_data_size with binary data after the JSON)")
        }
        return PendingInput(name: name, dtype: dtype, shape: shape, storage: storage, binarySize: binarySize)
    }

    private static func label(_ name: String?, _ index: Int) -> String {
        name.map { "input \(CodecField.quote($0))" } ?? "inputs[\(index)]"
    }

    /// Reads a shape list, refusing negative or fractional dimensions and element counts past
    /// `maxElements` (including products that overflow).
    private static func readShape(_ scanner: inout JSONScanner, label: String) throws -> [Int] {
        var shape: [Int] = []
        guard try scanner.beginArray("a list of dimensions for the \"shape\" of \(label)") else { return [] }
        repeat {
            let number = try scanner.readNumber()
            guard let dim = number.integer(Int.self, in: scanner.bytes), dim >= 0 else {
                throw RuntimeError(.badInput, "\(label) has a shape dimension that is not a non-negative whole number (dimension \(shape.count))")
            }
            guard shape.count < maxRank else { throw RuntimeError(.badInput, "\(label) has a shape of more than \(maxRank) dimensions") }
            shape.append(dim)
        } while try scanner.nextElement()
        var product = 1
        for dim in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: dim)
            guard !overflow, next <= maxElements else {
                throw RuntimeError(.badInput, "\(label) has shape \(shape), more than the \(maxElements) elements a tensor may have")
            }
            product = next
        }
        return shape
    }

    private static func readData(_ scanner: inout JSONScanner, field: CodecField, dtype: DType, shape: [Int]) throws -> TensorStorage {
        let expected = Shape.count(shape)
        let reader = DataReader(scanner: scanner, field: field, expected: expected)
        let (storage, position, depth) = try dtype.withWireElement(reader)
        scanner.position = position
        scanner.depth = depth
        guard storage.count == expected else {
            throw field.error("has \(storage.count) data values, but shape \(shape) needs \(expected)")
        }
        return storage
    }

    /// Reads JSON `data` of one element type, flattening nested lists.
    private struct DataReader: WireElementVisitor {
        var scanner: JSONScanner
        var field: CodecField
        var expected: Int

        func visit<T: WireElement>(_ type: T.Type) throws -> (TensorStorage, Int, Int) {
            var scanner = scanner
            var values: [T] = []
            // A declared shape reserves no more than the body could possibly hold.
            values.reserveCapacity(min(expected, (scanner.end - scanner.position) / 2 + 1))
            try ElementReader.readFlat(&scanner, into: &values, field: field)
            return (T.storage(values), scanner.position, scanner.depth)
        }
    }
}
