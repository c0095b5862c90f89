import LastmileEngine
import LastmileRuntime
import LastmileTensor
import Testing

@Suite("Open Inference codec: binary tensor data extension")
struct CodecBinaryTests {
    typealias S = CodecSupport

    /// A body of JSON followed by binary data, and the JSON's length.
    static func body(json: String, binary: [UInt8]) -> ([UInt8], Int) {
        let header = Array(json.utf8)
        return (header + binary, header.count)
    }

    static let mixedJSON = #"{"inputs": [{"name": "f", "shape": [2], "datatype": "FP32", "parameters": {"binary_data_size": 8}}, {"name": "n", "shape": [1], "datatype": "INT64", "data": [7]}, {"name": "s", "shape": [2], "datatype": "BYTES", "parameters": {"binary_data_size": 10}}, {"name": "b", "shape": [3], "datatype": "BOOL", "parameters": {"binary_data_size": 3}}, {"name": "h", "shape": [1], "datatype": "FP16", "parameters": {"binary_data_size": 2}}]}"#
    static let mixedBinary: [UInt8] =
        S.littleEndian(Float(1.5).bitPattern) + S.littleEndian(Float(-2).bitPattern)
        + S.littleEndian(UInt32(2)) + Array("ab".utf8) + S.littleEndian(UInt32(0))
        + [1, 0, 1]
        + S.littleEndian(Float16(0.5).bitPattern)

    @Test func binaryInputsAreReadInInputOrderAfterTheJSON() throws {
        // Given binary FP32, BYTES, BOOL and FP16 inputs around a JSON INT64 input
        let (body, jsonLength) = Self.body(json: Self.mixedJSON, binary: Self.mixedBinary)
        // When the request is decoded with the header length
        let request = try S.decodeRequest(body, jsonLength: jsonLength)
        // Then each tensor comes from its own bytes
        #expect(request.inputs.map(\.name) == ["f", "n", "s", "b", "h"])
        #expect(request.inputs[0].tensor == Tensor(unchecked: [2], [Float(1.5), -2]))
        #expect(request.inputs[1].tensor == Tensor(unchecked: [1], [Int64(7)]))
        #expect(request.inputs[2].tensor == Tensor(unchecked: [2], ["ab", ""]))
        #expect(request.inputs[3].tensor == Tensor(unchecked: [3], [true, false, true]))
        #expect(request.inputs[4].tensor == Tensor(unchecked: [1], [Float16(0.5)]))
    }

    @Test func binarySizesMustAddUpExactly() {
        // Given one byte too many, and one too few
        let (long, jsonLength) = Self.body(json: Self.mixedJSON, binary: Self.mixedBinary + [0])
        S.expectBadInput(["23 bytes", "24 bytes"]) { _ = try S.decodeRequest(long, jsonLength: jsonLength) }
        let (short, _) = Self.body(json: Self.mixedJSON, binary: Array(Self.mixedBinary.dropLast()))
        S.expectBadInput(["input \"h\"", "binary_data_size 2", "1 bytes"]) { _ = try S.decodeRequest(short, jsonLength: jsonLength) }
    }

    @Test func aBinarySizeMustFitTheDatatypeAndShape() {
        // Given an FP32 [2] input with 7 bytes
        let json = #"{"inputs": [{"name": "f", "shape": [2], "datatype": "FP32", "parameters": {"binary_data_size": 7}}]}"#
        let (body, jsonLength) = Self.body(json: json, binary: Array(repeating: 0, count: 7))
        S.expectBadInput(["input \"f\"", "7", "8 bytes"]) { _ = try S.decodeRequest(body, jsonLength: jsonLength) }
    }

    @Test func bytesElementsMustFitTheirLengthPrefixes() {
        // Given a BYTES element that claims more bytes than remain
        let json = #"{"inputs": [{"name": "s", "shape": [1], "datatype": "BYTES", "parameters": {"binary_data_size": 6}}]}"#
        let (body, jsonLength) = Self.body(json: json, binary: S.littleEndian(UInt32(1_000_000)) + [65, 66])
        S.expectBadInput(["input \"s\"", "element 0", "1000000"]) { _ = try S.decodeRequest(body, jsonLength: jsonLength) }
    }

    @Test func binaryDataNeedsTheHeaderLength() {
        // Given a binary input but no Inference-Header-Content-Length
        let (body, _) = Self.body(json: Self.mixedJSON, binary: [])
        S.expectBadInput(["input \"f\"", "Inference-Header-Content-Length"]) { _ = try S.decodeRequest(body, jsonLength: nil) }
        // And a header length past the body
        S.expectBadInput(["Inference-Header-Content-Length", "\(body.count + 1)"]) { _ = try S.decodeRequest(body, jsonLength: body.count + 1) }
        S.expectBadInput(["Inference-Header-Content-Length"]) { _ = try S.decodeRequest(body, jsonLength: -1) }
    }

    @Test func dataAndBinarySizeTogetherAreRefused() {
        let json = #"{"inputs": [{"name": "f", "shape": [1], "datatype": "FP32", "data": [1], "parameters": {"binary_data_size": 4}}]}"#
        let (body, jsonLength) = Self.body(json: json, binary: [0, 0, 0, 0])
        S.expectBadInput(["input \"f\"", "both"]) { _ = try S.decodeRequest(body, jsonLength: jsonLength) }
    }

    @Test func binaryOutputsFollowTheJSONInOutputOrder() throws {
        // Given binary FP32 and BYTES outputs around a JSON INT64 output
        let outputs = [
            NamedValue(name: "p", value: .tensor(Tensor(unchecked: [1, 2], [Float(1.5), -2]))),
            NamedValue(name: "n", value: .tensor(Tensor(unchecked: [1], [Int64(9)]))),
            NamedValue(name: "s", value: .tensor(Tensor(unchecked: [1], ["hi"]))),
        ]
        // When the response is encoded
        let response = try OpenInferenceCodec.encodeResponse(modelName: "m", modelVersion: nil, id: nil, outputs: outputs, binary: { $0 != "n" })
        // Then the JSON ends at jsonLength, declares the sizes, and the bytes follow in order
        let jsonLength = try #require(response.jsonLength)
        let object = try #require(try S.json(response.bytes[0..<jsonLength]) as? [String: Any])
        let list = try #require(object["outputs"] as? [[String: Any]])
        #expect(list[0]["data"] == nil)
        #expect((list[0]["parameters"] as? [String: Int])?["binary_data_size"] == 8)
        #expect(list[1]["data"] as? [Int] == [9])
        #expect((list[2]["parameters"] as? [String: Int])?["binary_data_size"] == 6)
        let expected = S.littleEndian(Float(1.5).bitPattern) + S.littleEndian(Float(-2).bitPattern) + S.littleEndian(UInt32(2)) + Array("hi".utf8)
        #expect(Array(response.bytes[jsonLength...]) == expected)
    }
}
