import Foundation
import LastmileEngine
import LastmileRuntime
import LastmileTensor
import LastmileTesting
import Testing

@Suite("Open Inference codec: JSON requests and responses")
struct CodecOpenInferenceTests {
    /// One tensor of every datatype, with edge values.
    static let everyDatatype: [(String, Tensor)] = [
        ("FP32", Tensor(unchecked: [2, 3], [Float(0), -1.5, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 0.1, -0.0])),
        ("FP64", Tensor(unchecked: [4], [0.1, -2.5e-300, Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude])),
        ("FP16", Tensor(unchecked: [3], [Float16(0.5), -65504, .leastNonzeroMagnitude])),
        ("INT8", Tensor(unchecked: [3], [Int8.min, 0, Int8.max])),
        ("INT16", Tensor(unchecked: [3], [Int16.min, -1, Int16.max])),
        ("INT32", Tensor(unchecked: [3], [Int32.min, 7, Int32.max])),
        ("INT64", Tensor(unchecked: [3], [Int64.min, 42, Int64.max])),
        ("UINT8", Tensor(unchecked: [2], [UInt8(0), .max])),
        ("UINT16", Tensor(unchecked: [2], [UInt16(1), .max])),
        ("UINT32", Tensor(unchecked: [2], [UInt32(2), .max])),
        ("UINT64", Tensor(unchecked: [2], [UInt64(3), .max])),
        ("BOOL", Tensor(unchecked: [2, 1], [true, false])),
        ("BYTES", Tensor(unchecked: [4], ["", "héllo 😀", "quote\" back\\slash\n\t\u{1}", "/"])),
    ]

    /// Turns a response into a request by renaming its outputs to inputs.
    static func responseAsRequest(_ bytes: [UInt8], jsonLength: Int?) throws -> OpenInferenceRequest {
        let key = Array("\"outputs\":".utf8)
        guard let start = (0...(bytes.count - key.count)).first(where: { Array(bytes[$0..<$0 + key.count]) == key }) else {
            throw RuntimeError(.badInput, "no outputs key")
        }
        var renamed = bytes
        renamed.replaceSubrange(start..<start + key.count, with: Array("\"inputs\":".utf8))
        return try CodecSupport.decodeRequest(renamed, jsonLength: jsonLength.map { $0 - 1 })
    }

    @Test("every datatype survives decode, encode and decode again", arguments: [false, true])
    func everyDatatypeRoundTrips(binary: Bool) throws {
        for (datatype, tensor) in Self.everyDatatype {
            // Given a JSON request built from the tensor's own encoding
            let first = try OpenInferenceCodec.encodeResponse(
                modelName: "m", modelVersion: nil, id: nil, outputs: [NamedValue(name: "x", value: .tensor(tensor))], binary: { _ in false })
            let request = try Self.responseAsRequest(first.bytes, jsonLength: nil)
            #expect(request.inputs.first?.tensor == tensor, "\(datatype) first decode")
            // When it is encoded again (as JSON or binary) and decoded
            let second = try OpenInferenceCodec.encodeResponse(
                modelName: "m", modelVersion: nil, id: nil,
                outputs: request.inputs.map { NamedValue(name: $0.name, value: .tensor($0.tensor)) }, binary: { _ in binary })
            #expect((second.jsonLength != nil) == binary)
            let again = try Self.responseAsRequest(second.bytes, jsonLength: second.jsonLength)
            // Then the tensor is unchanged
            #expect(again.inputs.count == 1)
            #expect(again.inputs.first?.name == "x")
            #expect(again.inputs.first?.tensor.dtype.v2Name == datatype)
            #expect(again.inputs.first?.tensor == tensor, "\(datatype) round trip")
        }
    }

    @Test func nestedAndFlatDataGiveTheSameTensor() throws {
        // Given the same values flat and nested
        let flat = try CodecSupport.decodeRequest(CodecSupport.request(datatype: "INT32", shape: [2, 2], data: "[1, 2, 3, 4]"))
        let nested = try CodecSupport.decodeRequest(CodecSupport.request(datatype: "INT32", shape: [2, 2], data: "[[1, 2], [3, 4]]"))
        // Then both decode to the row-major tensor
        let expected = Tensor(unchecked: [2, 2], [Int32(1), 2, 3, 4])
        #expect(flat.inputs[0].tensor == expected)
        #expect(nested.inputs[0].tensor == expected)
    }

    @Test func keysMayComeInAnyOrderAndUnknownKeysAreIgnored() throws {
        // Given data before the datatype and shape, and extra members
        let body = #"{"extra": {"a": [1, {"b": null}]}, "id": "r1", "inputs": [{"data": [1.5, 2], "parameters": {"content_type": "np"}, "datatype": "FP64", "name": "x", "shape": [2]}], "parameters": {"binary_data_output": true}, "outputs": [{"name": "y", "parameters": {"binary_data": false}}, {"name": "z"}]}"#
        // When it is decoded
        let request = try CodecSupport.decodeRequest(body)
        // Then every part is read
        #expect(request.id == "r1")
        #expect(request.inputs[0].tensor == Tensor(unchecked: [2], [1.5, 2.0]))
        #expect(request.binaryDataOutput)
        #expect(request.outputs.map(\.name) == ["y", "z"])
        #expect(request.outputs.map(\.binaryData) == [false, nil])
        #expect(!request.wantsBinary("y"))
        #expect(request.wantsBinary("z"))
    }

    @Test func floatsAcceptNaNAndInfinityStringsAndNull() throws {
        // Given the JSON spellings of the non-finite floats
        let request = try CodecSupport.decodeRequest(CodecSupport.request(datatype: "FP32", shape: [4], data: #"["NaN", "Infinity", "-Infinity", null]"#))
        // Then they decode to NaN and the infinities
        let values = try #require(request.inputs[0].tensor.elements(Float.self))
        #expect(values[0].isNaN)
        #expect(values[1] == .infinity)
        #expect(values[2] == -.infinity)
        #expect(values[3].isNaN)
        // And encode back to the strings
        let response = try OpenInferenceCodec.encodeResponse(
            modelName: "m", modelVersion: nil, id: nil, outputs: [NamedValue(name: "y", value: .tensor(request.inputs[0].tensor))], binary: { _ in false })
        #expect(String(decoding: response.bytes, as: UTF8.self).contains(#""data":["NaN","Infinity","-Infinity","NaN"]"#))
    }

    @Test func floatParsingIsCorrectlyRoundedAgainstTheStandardLibrary() throws {
        // Given random decimals, including exact halfway points between two floats
        var rng = SeededGenerator(seed: 7)
        var texts: [String] = []
        for _ in 0..<2000 {
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()) & 0x7F7F_FFFF)
            let halfway = Double(f) + Double(f.ulp) / 2
            texts.append(halfway.description)
            texts.append(String(rng.next() % 1_000_000_000_000) + "e-" + String(rng.int(40)))
            texts.append("0." + String(rng.next() % 100_000_000_000))
        }
        // When they are decoded as FP32 and FP64
        let data = "[" + texts.joined(separator: ",") + "]"
        let floats = try CodecSupport.decodeRequest(CodecSupport.request(datatype: "FP32", shape: [texts.count], data: data))
        let doubles = try CodecSupport.decodeRequest(CodecSupport.request(datatype: "FP64", shape: [texts.count], data: data))
        // Then each value equals the standard library's correctly rounded parse
        let f = try #require(floats.inputs[0].tensor.elements(Float.self))
        let d = try #require(doubles.inputs[0].tensor.elements(Double.self))
        for (i, text) in texts.enumerated() {
            #expect(f[i].bitPattern == Float(text)?.bitPattern, "FP32 \(text)")
            #expect(d[i].bitPattern == Double(text)?.bitPattern, "FP64 \(text)")
        }
    }

    @Test func responsesUseShortestFloatTextAndCarryModelAndId() throws {
        // Given outputs of several kinds
        let outputs = [
            NamedValue(name: "y", value: .tensor(Tensor(unchecked: [1, 2], [Float(0.1), 1e-7]))),
            NamedValue(name: "label", value: .tensor(Tensor(unchecked: [1], ["a\"b"]))),
        ]
        // When they are encoded as JSON
        let response = try OpenInferenceCodec.encodeResponse(modelName: "fraud", modelVersion: "3", id: "req-1", outputs: outputs, binary: { _ in false })
        // Then the text is compact, shortest and valid JSON
        let text = String(decoding: response.bytes, as: UTF8.self)
        #expect(response.jsonLength == nil)
        #expect(text.contains(#""data":[0.1,1e-07]"#))
        let object = try #require(try CodecSupport.json(response.bytes) as? [String: Any])
        #expect(object["model_name"] as? String == "fraud")
        #expect(object["model_version"] as? String == "3")
        #expect(object["id"] as? String == "req-1")
        let list = try #require(object["outputs"] as? [[String: Any]])
        #expect(list[0]["datatype"] as? String == "FP32")
        #expect(list[0]["shape"] as? [Int] == [1, 2])
        #expect(list[1]["data"] as? [String] == ["a\"b"])
    }

    @Test func zipMapSequencesAreWrittenAsJSONObjectsEvenWhenBinaryIsAsked() throws {
        // Given a ZipMap output of two rows
        let maps = try [[Float(0.25), 0.75], [1, 0]].map { probabilities in
            Value.map(try MapValue(keys: Tensor(unchecked: [2], [Int64(0), 1]), values: Tensor(unchecked: [2], probabilities)))
        }
        // When it is encoded with binary output requested
        let response = try OpenInferenceCodec.encodeResponse(
            modelName: "m", modelVersion: nil, id: nil, outputs: [NamedValue(name: "probabilities", value: .sequence(maps))], binary: { _ in true })
        // Then it is a JSON list of objects and no binary part
        #expect(response.jsonLength == nil)
        let object = try #require(try CodecSupport.json(response.bytes) as? [String: Any])
        let output = try #require((object["outputs"] as? [[String: Any]])?.first)
        #expect(output["datatype"] as? String == "JSON")
        #expect(output["shape"] as? [Int] == [2])
        let data = try #require(output["data"] as? [[String: Double]])
        #expect(data == [["0": 0.25, "1": 0.75], ["0": 1, "1": 0]])
    }

    @Test func aSequenceOfTensorsCannotBeEncoded() {
        // Given a sequence that is not of maps
        let outputs = [NamedValue(name: "s", value: .sequence([.tensor(Tensor(scalar: Float(1)))]))]
        // Then encoding names the output
        let error = CodecSupport.runtimeError {
            _ = try OpenInferenceCodec.encodeResponse(modelName: "m", modelVersion: nil, id: nil, outputs: outputs, binary: { _ in false })
        }
        #expect(error?.code == .inferenceFailed)
        #expect(error?.message.contains("\"s\"") == true)
    }
}
