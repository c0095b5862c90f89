import LastmileRuntime
import Testing

@Suite("Open Inference codec: bad requests")
struct CodecRequestErrorTests {
    typealias S = CodecSupport

    @Test(arguments: [
        ("INT8", "[1, 128]", "INT8"),
        ("INT8", "[-129]", "INT8"),
        ("UINT8", "[-1]", "UINT8"),
        ("INT16", "[40000]", "INT16"),
        ("UINT32", "[4294967296]", "UINT32"),
        ("INT64", "[9223372036854775808]", "INT64"),
        ("UINT64", "[18446744073709551616]", "UINT64"),
        ("FP32", "[1e39]", "FP32"),
        ("FP64", "[1e400]", "FP64"),
    ])
    func integersAndFloatsOutOfRangeNameTheInput(datatype: String, data: String, named: String) {
        // Given a value outside the datatype's range
        let body = S.request(name: "age", datatype: datatype, shape: [data.filter { $0 == "," }.count + 1], data: data)
        // Then decoding fails naming the input and the datatype
        S.expectBadInput(["input \"age\"", named, "range"]) { _ = try S.decodeRequest(body) }
    }

    @Test func wholeFloatTextIsAcceptedForIntegersButFractionsAreNot() throws {
        // Given integers written with a fraction or exponent
        let whole = try S.decodeRequest(S.request(datatype: "INT32", shape: [2], data: "[2.0, 1e3]"))
        #expect(whole.inputs[0].tensor.ints == [2, 1000])
        // Then a real fraction is refused
        S.expectBadInput(["input \"x\"", "element 1", "whole number"]) {
            _ = try S.decodeRequest(S.request(datatype: "INT32", shape: [2], data: "[2, 1.5]"))
        }
    }

    @Test func elementCountMustMatchTheShape() {
        // Given five values for a shape of six
        let body = S.request(name: "features", datatype: "FP32", shape: [2, 3], data: "[1, 2, 3, 4, 5]")
        // Then the error names the input and both counts
        S.expectBadInput(["input \"features\"", "5", "6", "[2, 3]"]) { _ = try S.decodeRequest(body) }
    }

    @Test(arguments: [
        (#"{"inputs": x}"#, "byte 11"),
        (#"{"inputs": [{"name": "x",}]}"#, "byte 25"),
        (#"{"inputs": [{"name": "x", "shape": [1], "datatype": "FP32", "data": [1.]}]}"#, "byte 71"),
        (#"{"inputs": [{"name": "x", "shape": [1], "datatype": "FP32", "data": [1]}]} x"#, "byte 75"),
        (#"{"inputs": [{"name": "x"#, "byte 23"),
        (#"{"inputs": [{"name": "\q"}]}"#, "byte 22"),
        ("", "byte 0"),
    ])
    func brokenJSONIsBadInputWithAnOffset(body: String, offset: String) {
        S.expectBadInput(["not valid JSON", offset]) { _ = try S.decodeRequest(body) }
    }

    @Test func wrongElementTypesNameTheInputAndElement() {
        S.expectBadInput(["input \"x\"", "element 1", "number"]) {
            _ = try S.decodeRequest(S.request(datatype: "FP32", shape: [2], data: #"[1, "one"]"#))
        }
        S.expectBadInput(["input \"x\"", "element 0", "boolean"]) {
            _ = try S.decodeRequest(S.request(datatype: "BOOL", shape: [1], data: #"["yes"]"#))
        }
        S.expectBadInput(["input \"x\"", "element 0", "string"]) {
            _ = try S.decodeRequest(S.request(datatype: "BYTES", shape: [1], data: "[1]"))
        }
    }

    @Test func missingAndUnknownFieldsAreNamed() {
        S.expectBadInput(["no inputs"]) { _ = try S.decodeRequest(#"{"outputs": []}"#) }
        S.expectBadInput(["no inputs"]) { _ = try S.decodeRequest(#"{"inputs": []}"#) }
        S.expectBadInput(["inputs[0]", "name"]) { _ = try S.decodeRequest(#"{"inputs": [{"shape": [1], "datatype": "FP32", "data": [1]}]}"#) }
        S.expectBadInput(["input \"x\"", "datatype"]) { _ = try S.decodeRequest(#"{"inputs": [{"name": "x", "shape": [1], "data": [1]}]}"#) }
        S.expectBadInput(["input \"x\"", "shape"]) { _ = try S.decodeRequest(#"{"inputs": [{"name": "x", "datatype": "FP32", "data": [1]}]}"#) }
        S.expectBadInput(["input \"x\"", "data"]) { _ = try S.decodeRequest(#"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [1]}]}"#) }
        S.expectBadInput(["input \"x\"", "FP31", "expected one of"]) { _ = try S.decodeRequest(S.request(datatype: "FP31", shape: [1], data: "[1]")) }
        S.expectBadInput(["input \"x\"", "twice"]) {
            _ = try S.decodeRequest(#"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [1], "data": [1]}, {"name": "x", "datatype": "FP32", "shape": [1], "data": [1]}]}"#)
        }
        S.expectBadInput(["input \"x\"", "shape dimension"]) { _ = try S.decodeRequest(S.request(datatype: "FP32", shape: [-1], data: "[1]")) }
    }

    @Test func errorMessagesQuoteOnlyAShortPrefixOfLongNames() {
        // Given an input name of 5,000 characters with a bad datatype
        let name = String(repeating: "n", count: 5000)
        let error = CodecSupport.runtimeError { _ = try S.decodeRequest(S.request(name: name, datatype: "NOPE", shape: [1], data: "[1]")) }
        // Then the message stays short
        #expect(error?.code == .badInput)
        #expect((error?.message.count ?? .max) < 400)
    }

    @Test func deepNestingIsRefusedWithoutCrashing() {
        // Given data nested far deeper than any shape, in data and in an ignored member
        let deep = String(repeating: "[", count: 100_000) + "1" + String(repeating: "]", count: 100_000)
        S.expectBadInput(["deeper than 64"]) { _ = try S.decodeRequest(S.request(datatype: "FP32", shape: [1], data: deep)) }
        S.expectBadInput(["deeper than 64"]) { _ = try S.decodeRequest(#"{"junk": "# + deep + "}") }
        let objects = String(repeating: #"{"a":"#, count: 10_000)
        S.expectBadInput(["deeper than 64"]) { _ = try S.decodeRequest(#"{"inputs": [], "x": "# + objects) }
    }

    @Test(arguments: [
        [4_294_967_296, 4_294_967_296],
        [Int.max, 2],
        [1 << 20, 1 << 20],
        [(1 << 28) + 1],
        [3_037_000_500, 3_037_000_500, 0],
    ])
    func hugeDeclaredShapesAreRefused(shape: [Int]) {
        // Given a shape whose element count overflows or passes the limit
        S.expectBadInput(["input \"x\"", "shape"]) { _ = try S.decodeRequest(S.request(datatype: "FP32", shape: shape, data: "[1]")) }
    }

    @Test func aLargeDeclaredShapeWithLittleDataIsACountMismatch() {
        // Given the largest allowed shape but one value
        S.expectBadInput(["input \"x\"", "1 data values", "\(1 << 28)"]) {
            _ = try S.decodeRequest(S.request(datatype: "FP64", shape: [1 << 28], data: "[1]"))
        }
    }
}
