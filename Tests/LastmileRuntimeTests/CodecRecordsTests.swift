import Foundation
import LastmileAPI
import LastmileEngine
import LastmileRuntime
import LastmileTensor
import Testing

@Suite("Records codec")
struct CodecRecordsTests {
    typealias S = CodecSupport

    static let specs = [
        TensorSpec(name: "x", datatype: "FP32", shape: [-1, 3]),
        TensorSpec(name: "label", datatype: "BYTES", shape: [-1]),
        TensorSpec(name: "img", datatype: "INT64", shape: [-1, -1, 2]),
    ]

    @Test func rowsStackAlongANewFirstDimensionAndInferFreeDims() throws {
        // Given two rows listing their inputs in different orders
        let body = #"[{"x": [1, 2, 3], "label": "a", "img": [[1, 2], [3, 4]]}, {"label": "b", "img": [[5, 6], [7, 8]], "x": [4, 5.5, "NaN"]}]"#
        // When they are decoded
        let (tensors, rows) = try S.decodeRecords(body, inputs: Self.specs)
        // Then each input is stacked, with the free dim taken from the rows
        #expect(rows == 2)
        #expect(tensors["label"] == Tensor(unchecked: [2], ["a", "b"]))
        #expect(tensors["img"] == Tensor(unchecked: [2, 2, 2], [Int64(1), 2, 3, 4, 5, 6, 7, 8]))
        let x = try #require(tensors["x"])
        #expect(x.shape == [2, 3])
        let values = try #require(x.elements(Float.self))
        #expect(Array(values.prefix(5)) == [1, 2, 3, 4, 5.5])
        #expect(values[5].isNaN)
    }

    @Test func aSingleObjectIsOneRow() throws {
        let (tensors, rows) = try S.decodeRecords(#"{"x": [1, 2, 3], "label": "a", "img": []}"#, inputs: Self.specs)
        #expect(rows == 1)
        #expect(tensors["x"]?.shape == [1, 3])
        #expect(tensors["img"]?.shape == [1, 0, 2])
    }

    @Test func scalarRowsTakeNumbers() throws {
        // Given inputs whose rows are scalars
        let specs = [TensorSpec(name: "age", datatype: "INT32", shape: [-1]), TensorSpec(name: "ok", datatype: "BOOL", shape: [-1])]
        let (tensors, rows) = try S.decodeRecords(#"[{"age": 30, "ok": true}, {"age": -2, "ok": 0}]"#, inputs: specs)
        #expect(rows == 2)
        #expect(tensors["age"] == Tensor(unchecked: [2], [Int32(30), -2]))
        #expect(tensors["ok"] == Tensor(unchecked: [2], [true, false]))
        // And a list where a number belongs is refused
        S.expectBadInput(["row 1", "input \"age\""]) { _ = try S.decodeRecords(#"[{"age": 30, "ok": true}, {"age": [2], "ok": true}]"#, inputs: specs) }
    }

    @Test(arguments: [
        (#"[{"x": [1, 2, 3], "label": "a", "img": [[1, 2]]}, {"x": [1, 2], "label": "b", "img": [[1, 2]]}]"#, ["row 1", "input \"x\"", "2 elements", "needs 3"]),
        (#"[{"x": [1, 2, 3], "label": "a", "img": [[1, 2]]}, {"x": [1, 2, 3], "label": "b", "img": [[1, 2], [3, 4]]}]"#, ["row 1", "input \"img\"", "ragged"]),
        (#"[{"x": [1, 2, 3], "label": "a", "img": [[1, 2], [3]]}]"#, ["row 0", "input \"img\""]),
        (#"[{"x": [[1, 2, 3]], "label": "a", "img": [[1, 2]]}]"#, ["row 0", "input \"x\""]),
        (#"[{"x": 1, "label": "a", "img": [[1, 2]]}]"#, ["row 0", "input \"x\"", "list"]),
    ])
    func raggedOrMisshapenRowsAreRefused(body: String, fragments: [String]) {
        S.expectBadInput(fragments) { _ = try S.decodeRecords(body, inputs: Self.specs) }
    }

    @Test func unknownRepeatedAndMissingNamesAreNamed() {
        S.expectBadInput(["row 0", "unknown input \"y\"", "\"x\", \"label\", \"img\""]) {
            _ = try S.decodeRecords(#"[{"x": [1, 2, 3], "label": "a", "img": [], "y": 1}]"#, inputs: Self.specs)
        }
        S.expectBadInput(["row 1", "inputs \"label\", \"img\""]) {
            _ = try S.decodeRecords(#"[{"x": [1, 2, 3], "label": "a", "img": []}, {"x": [1, 2, 3]}]"#, inputs: Self.specs)
        }
        S.expectBadInput(["row 0", "\"x\" twice"]) {
            _ = try S.decodeRecords(#"{"x": [1, 2, 3], "x": [1, 2, 3], "label": "a", "img": []}"#, inputs: Self.specs)
        }
    }

    @Test func wrongTypesAndEmptyListsAreRefused() {
        S.expectBadInput(["row 0", "input \"x\"", "element 1", "FP32"]) {
            _ = try S.decodeRecords(#"[{"x": [1, true, 3], "label": "a", "img": []}]"#, inputs: Self.specs)
        }
        S.expectBadInput(["row 0", "input \"label\"", "string"]) {
            _ = try S.decodeRecords(#"[{"x": [1, 2, 3], "label": 5, "img": []}]"#, inputs: Self.specs)
        }
        S.expectBadInput(["row 0", "input \"img\"", "INT64"]) {
            _ = try S.decodeRecords(#"[{"x": [1, 2, 3], "label": "a", "img": [[1, 2.5]]}]"#, inputs: Self.specs)
        }
        S.expectBadInput(["empty list"]) { _ = try S.decodeRecords("[]", inputs: Self.specs) }
        S.expectBadInput(["not valid JSON", "byte 0"]) { _ = try S.decodeRecords("7", inputs: Self.specs) }
        S.expectBadInput(["row 0", "input \"x\"", "deeper"]) {
            _ = try S.decodeRecords(#"[{"x": "# + String(repeating: "[", count: 5000), inputs: Self.specs)
        }
    }

    @Test func theReplyHasOneObjectPerRowWithItsSlices() throws {
        // Given two rows of inputs and outputs of several shapes, with a ZipMap
        let inputs: [String: Tensor] = [
            "x": Tensor(unchecked: [2, 3], [Float(1), 2, 3, 4, 5, 6]),
            "label": Tensor(unchecked: [2], ["a", "b"]),
        ]
        let maps = try [[Float(0.25), 0.75], [1, 0]].map { p in
            Value.map(try MapValue(keys: Tensor(unchecked: [2], ["no", "yes"]), values: Tensor(unchecked: [2], p)))
        }
        let outputs = [
            NamedValue(name: "score", value: .tensor(Tensor(unchecked: [2], [0.5, Double.nan]))),
            NamedValue(name: "grid", value: .tensor(Tensor(unchecked: [2, 2, 1], [Int64(1), 2, 3, 4]))),
            NamedValue(name: "probabilities", value: .sequence(maps)),
        ]
        let metadata = RecordMetadata(pipeline: "fraud", pipelineVersion: 3, modelVersions: ["m-1", "m-2"], elapsedNanos: 1234)
        // When the reply is encoded
        let bytes = try RecordsCodec.encodeReply(rows: 2, inputs: inputs, inputOrder: ["x", "label"], outputs: outputs, metadata: metadata, timeMillis: 1_700_000_000_123)
        // Then it is a list of two row objects with each row's slice
        let list = try #require(try S.json(bytes) as? [[String: Any]])
        #expect(list.count == 2)
        let second = list[1]
        #expect(second["time"] as? Int == 1_700_000_000_123)
        let inPart = try #require(second["in"] as? [String: Any])
        #expect(inPart["x"] as? [Double] == [4, 5, 6])
        #expect(inPart["label"] as? String == "b")
        let outPart = try #require(second["out"] as? [String: Any])
        #expect(outPart["score"] as? String == "NaN")
        #expect(outPart["grid"] as? [[Int]] == [[3], [4]])
        #expect(outPart["probabilities"] as? [String: Double] == ["no": 1, "yes": 0])
        #expect((list[0]["out"] as? [String: Any])?["score"] as? Double == 0.5)
        #expect((second["anomaly"] as? [String: Int])?["count"] == 0)
        let meta = try #require(second["metadata"] as? [String: Any])
        #expect(meta["pipeline"] as? String == "fraud")
        #expect(meta["pipeline_version"] as? Int == 3)
        #expect(meta["model_versions"] as? [String] == ["m-1", "m-2"])
        #expect(meta["elapsed_ns"] as? Int == 1234)
        // And the keys keep the given order
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"[{"time":1700000000123,"in":{"x":[1.0,2.0,3.0],"label":"a"},"out":{"score":0.5,"grid":[[1],[2]]"#))
    }

    @Test func aReplyRefusesOutputsThatDoNotSplitIntoTheRows() {
        let metadata = RecordMetadata(pipeline: "p", pipelineVersion: 1, modelVersions: [], elapsedNanos: 0)
        for output in [Value.tensor(Tensor(unchecked: [3], [Float(1), 2, 3])), .tensor(Tensor(scalar: Float(1))), .sequence([])] {
            let error = S.runtimeError {
                _ = try RecordsCodec.encodeReply(rows: 2, inputs: [:], inputOrder: [], outputs: [NamedValue(name: "y", value: output)], metadata: metadata, timeMillis: 0)
            }
            #expect(error?.code == .inferenceFailed)
            #expect(error?.message.contains("\"y\"") == true)
        }
    }

    @Test func decodedRecordsRoundTripThroughTheReply() throws {
        // Given a decoded request
        let body = #"[{"x": [1.5, -2, 0.1], "label": "é\"", "img": [[1, 2]]}, {"x": [3, 4, 5], "label": "z", "img": [[3, 4]]}]"#
        let (tensors, rows) = try S.decodeRecords(body, inputs: Self.specs)
        // When the inputs are written back as the reply's "in" parts
        let reply = try RecordsCodec.encodeReply(
            rows: rows, inputs: tensors, inputOrder: Self.specs.map(\.name), outputs: [],
            metadata: RecordMetadata(pipeline: "p", pipelineVersion: 1, modelVersions: [], elapsedNanos: 0), timeMillis: 0)
        // Then decoding those parts as a request gives the same tensors
        let list = try #require(try S.json(reply) as? [[String: Any]])
        let ins = list.compactMap { $0["in"] as? [String: Any] }
        let again = try S.decodeRecords(String(decoding: try JSONSerialization.data(withJSONObject: ins), as: UTF8.self), inputs: Self.specs)
        #expect(again.rows == rows)
        for spec in Self.specs { #expect(again.tensors[spec.name] == tensors[spec.name], "\(spec.name)") }
    }
}
