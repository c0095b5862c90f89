import LastmileEngine
import LastmileRuntime
import LastmileTensor
import LastmileTesting
import Testing

@Suite("Log batch codec: requests stored in binary, rendered as replies")
struct LogBatchCodecTests {
    /// A two-row request with every kind of value a pipeline can return.
    static func request() throws -> (inputs: [String: Tensor], outputs: [NamedValue], metadata: RecordMetadata, ids: [PredictionID]) {
        let inputs: [String: Tensor] = [
            "x": Tensor(unchecked: [2, 3], [Float(1.5), -0.0, .nan, 3e-8, .infinity, 7]),
            "name": Tensor(unchecked: [2], ["ann \"quoted\"", "bé"]),
            "flag": Tensor(unchecked: [2, 1], [true, false]),
        ]
        let zipMap = try [0.25, 0.5].map { p in
            Value.map(try MapValue(keys: Tensor(unchecked: [2], [Int64(0), 1]), values: Tensor(unchecked: [2], [Float(1 - p), Float(p)])))
        }
        let outputs = [
            NamedValue(name: "label", value: .tensor(Tensor(unchecked: [2], [Int64(-3), 9_007_199_254_740_993]))),
            NamedValue(name: "probabilities", value: .sequence(zipMap)),
            NamedValue(name: "score", value: .tensor(Tensor(unchecked: [2, 2, 1], [Double(0.1), 0.2, 0.3, 0.4]))),
        ]
        var metadata = RecordMetadata(pipeline: "fraud", pipelineVersion: 4, modelVersions: ["m-1", "m-2"], elapsedNanos: 12_345)
        metadata.validationNames = ["high", "low", "odd"]
        metadata.anomalies = [["low"], ["high", "odd"]]
        let ids = [PredictionID(high: 0x0123_4567_89ab_7def, low: 0x8000_0000_0000_0001), PredictionID(high: 1, low: 2)]
        metadata.predictionIds = ids.map(\.description)
        return (inputs, outputs, metadata, ids)
    }

    @Test func aDecodedBatchRendersExactlyTheRowsTheReplyHad() throws {
        // Given a request and the reply the server sends for it
        let (inputs, outputs, metadata, ids) = try Self.request()
        let order = ["x", "name", "flag"]
        let reply = try RecordsCodec.encodeReplyRows(rows: 2, inputs: inputs, inputOrder: order, outputs: outputs, metadata: metadata, timeMillis: 77)
        // When it is encoded for the log and decoded back
        let body = try LogBatchCodec.encode(rows: 2, inputs: inputs, inputOrder: order, outputs: outputs, metadata: metadata, ids: ids)
        let batch = try LogBatchCodec.decode(body, pipeline: "fraud")
        // Then rendering it gives the reply's bytes, prediction ids and anomalies included
        let rendered = try RecordsCodec.encodeReplyRows(
            rows: batch.rows, inputs: batch.inputs, inputOrder: batch.inputOrder, outputs: batch.outputs, metadata: batch.metadata, timeMillis: 77
        )
        #expect(rendered.bytes == reply.bytes)
        #expect(rendered.rowRanges == reply.rowRanges)
        #expect(batch.metadata.predictionIds == ["01234567-89ab-7def-8000-000000000001", "00000000-0000-0001-0000-000000000002"])
        #expect(batch.metadata.anomalies == [["low"], ["high", "odd"]])
    }

    @Test func valuesThatCannotBeSplitIntoRowsAreRefusedWhenLogged() throws {
        let inputs = ["x": Tensor(unchecked: [3], [Float(1), 2, 3])]
        let metadata = RecordMetadata(pipeline: "p", pipelineVersion: 1, modelVersions: [], elapsedNanos: 0)
        let error = #expect(throws: RuntimeError.self) {
            try LogBatchCodec.encode(rows: 2, inputs: inputs, inputOrder: ["x"], outputs: [], metadata: metadata, ids: [])
        }
        #expect(error?.message.contains("cannot be split into 2 rows") == true)
    }

    @Test func everyTruncationAndManyCorruptionsFailCleanly() throws {
        // Given a valid body
        let (inputs, outputs, metadata, ids) = try Self.request()
        let body = try LogBatchCodec.encode(rows: 2, inputs: inputs, inputOrder: ["x", "name", "flag"], outputs: outputs, metadata: metadata, ids: ids)
        // Then every cut-short prefix is an error, never a crash
        for length in 0..<body.count {
            #expect(throws: RuntimeError.self) { try LogBatchCodec.decode(Array(body.prefix(length)), pipeline: "p") }
        }
        // And bytes set to extreme values decode or throw, never crash
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            var damaged = body
            let index = Int.random(in: 0..<damaged.count, using: &generator)
            damaged[index] = [0, 0xFF, 0x7F, 0x80, UInt8.random(in: 0...255, using: &generator)].randomElement(using: &generator)!
            _ = try? LogBatchCodec.decode(damaged, pipeline: "p")
        }
    }
}
