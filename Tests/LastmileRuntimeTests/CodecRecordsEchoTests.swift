import LastmileAPI
import LastmileEngine
import LastmileRuntime
import LastmileTensor
import Testing

@Suite("Records codec: echoing the request's text")
struct CodecRecordsEchoTests {
    typealias S = CodecSupport

    static let specs = [
        TensorSpec(name: "x", datatype: "FP32", shape: [-1, 2]),
        TensorSpec(name: "n", datatype: "INT64", shape: [-1]),
    ]

    static func decodeRequest(_ json: String) throws -> RecordsRequest {
        try Array(json.utf8).withUnsafeBytes { try RecordsCodec.decodeRequest($0, inputs: Self.specs) }
    }

    @Test func theReplyEchoesEachRowsValuesAsSentInSpecOrder() throws {
        // Given rows with their own spelling, spacing and key order
        let request = try Self.decodeRequest(#"[{"n": 7, "x": [1, "NaN"]}, {"x":[ 0.1 ,2e0],"n":-3}]"#)
        #expect(request.rows == 2)
        #expect(request.inputOrder == ["x", "n"])
        #expect(request.tensors["n"] == Tensor(unchecked: [2], [Int64(7), -3]))
        // When the reply is encoded from the request
        let output = NamedValue(name: "y", value: .tensor(Tensor(unchecked: [2], [Float(0.5), 1])))
        let metadata = RecordMetadata(pipeline: "p", pipelineVersion: 2, modelVersions: ["v"], elapsedNanos: 5)
        let bytes = try RecordsCodec.encodeReply(request: request, outputs: [output], metadata: metadata, timeMillis: 9)
        // Then each row's in object copies the values' text, keys in spec order
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"[{"time":9,"in":{"x":[1, "NaN"],"n":7},"out":{"y":0.5},"anomaly":{"count":0},"metadata":{"pipeline":"p","pipeline_version":2,"model_versions":["v"],"elapsed_ns":5}},{"time":9,"in":{"x":[ 0.1 ,2e0],"n":-3},"out":{"y":1.0}"#))
        #expect((try S.json(bytes) as? [Any])?.count == 2)
    }

    @Test func theEchoedReplyMatchesTheFormattedReplyForPlainValues() throws {
        // Given values written the way the formatter writes them
        let body = #"[{"x": [1.5, -2.0], "n": 4}, {"x": [0.25, 3.0], "n": 5}]"#
        let request = try Self.decodeRequest(body)
        let metadata = RecordMetadata(pipeline: "p", pipelineVersion: 1, modelVersions: [], elapsedNanos: 0)
        // When the reply is made both ways
        let echoed = try RecordsCodec.encodeReply(request: request, outputs: [], metadata: metadata, timeMillis: 1)
        let formatted = try RecordsCodec.encodeReply(
            rows: request.rows, inputs: request.tensors, inputOrder: request.inputOrder, outputs: [], metadata: metadata, timeMillis: 1)
        // Then the bytes agree once the client's spaces are removed
        #expect(echoed.filter { $0 != UInt8(ascii: " ") } == formatted)
    }
}
