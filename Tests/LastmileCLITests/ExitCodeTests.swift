import Foundation
import LastmileEngine
import LastmileTesting
import Testing
@testable import LastmileCLI

/// Bad input and unsupported models end with the documented exit codes and a message that
/// says what is wrong.
@Suite struct ExitCodeTests {
    private let fixture = Fixture.committedRoot.appendingPathComponent("logreg_binary_nozipmap")

    /// Runs the command line in-process and returns the exit code and message it ends with.
    private func run(_ arguments: [String]) -> (code: Int32, message: String) {
        do {
            var command = try LastmileCommand.parseAsRoot(arguments)
            try command.run()
            return (0, "")
        } catch {
            let (message, code) = LastmileCommand.report(error)
            return (code, message)
        }
    }

    private func temporaryFile(_ name: String, _ contents: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-\(UUID())-\(name)")
        try Data(contents.utf8).write(to: url)
        return url
    }

    @Test func aGoodRequestSucceeds() {
        let result = run(["predict", fixture.appendingPathComponent("model.onnx").path, "--input", fixture.appendingPathComponent("request.json").path, "--output", "/dev/null"])
        #expect(result.code == 0)
    }

    @Test func aModelThatIsNotONNXExitsWith2() throws {
        let notModel = try temporaryFile("model.onnx", "this is not a model")
        let result = run(["predict", notModel.path, "--input", fixture.appendingPathComponent("request.json").path])
        #expect(result.code == 2)
        #expect(result.message.contains("not an ONNX model"))
    }

    @Test func aMissingModelFileExitsWith2() {
        let result = run(["inspect", "/nonexistent/model.onnx"])
        #expect(result.code == 2)
        #expect(result.message.contains("does not exist"))
    }

    @Test func anUnsupportedModelExitsWith3() throws {
        var builder = ModelBuilder()
        builder.input("x", .float32, [nil])
        builder.node("NotARealOp", inputs: ["x"], outputs: ["y"])
        builder.output("y", .float32, [nil])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-\(UUID()).onnx")
        try builder.serialized().write(to: url)
        let result = run(["predict", url.path, "--input", fixture.appendingPathComponent("request.json").path])
        #expect(result.code == 3)
        #expect(result.message.contains("ai.onnx:NotARealOp (opset 17)"))
    }

    /// Bad requests for the fixture (input "X", float32 [N, 6]) and what the message must say.
    static let badRequests: [(request: String, message: String)] = [
        ("{\"inputs\": [", "not valid JSON"),
        (#"{"inputs": [{"name": "X", "shape": [2, 6], "datatype": "FP32", "data": [1, 2, 3]}]}"#,
         "has 3 data values, but shape [2, 6] needs 12"),
        (#"{"inputs": [{"name": "X", "shape": [1, 6], "datatype": "INT64", "data": [1, 2, 3, 4, 5, 6]}]}"#,
         "element type int64, expected float32"),
        (#"{"inputs": [{"name": "X", "shape": [1, 5], "datatype": "FP32", "data": [1, 2, 3, 4, 5]}]}"#, "\"X\""),
        (#"{"inputs": []}"#, "missing input \"X\""),
        (#"{"inputs": [{"name": "X", "shape": [1], "datatype": "COMPLEX", "data": [1]}]}"#, "COMPLEX"),
    ]

    @Test(arguments: badRequests)
    func aBadRequestExitsWith2(_ request: String, _ message: String) throws {
        let file = try temporaryFile("r.json", request)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = run(["predict", fixture.appendingPathComponent("model.onnx").path, "--input", file.path])
        #expect(result.code == 2)
        #expect(result.message.contains(message), "\(result.message)")
    }

    @Test func aMissingOptionIsAUsageErrorWithExit2() {
        let result = run(["predict", fixture.appendingPathComponent("model.onnx").path])
        #expect(result.code == 2)
        #expect(result.message.contains("--input"))
    }

    @Test func inspectListsSignatureOpsAndUnsupportedOps() throws {
        let model = try LastmileEngine.Model(contentsOf: fixture.appendingPathComponent("model.onnx"))
        let report = InspectCommand.describe(model, path: "model.onnx")
        #expect(report.contains("X: tensor(float)[?, 6]"))
        #expect(report.contains("ai.onnx.ml:LinearClassifier"))
        #expect(report.contains("unsupported ops: none"))
    }
}

/// The v2 request reader keeps JSON booleans and numbers apart.
@Suite struct InferenceRequestTests {
    @Test func booleansAndNumbersAreKeptApart() throws {
        let bools = try InferenceRequest.decode(Data(#"{"inputs": [{"name": "b", "shape": [3], "datatype": "BOOL", "data": [true, false, 1]}]}"#.utf8))
        #expect(bools[0].tensor.elements(Bool.self) == [true, false, true])
        let numbers = try InferenceRequest.decode(Data(#"{"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32", "data": [[1, 0, "NaN"]]}]}"#.utf8))
        #expect(numbers[0].tensor.shape == [1, 3])
        #expect(numbers[0].tensor.elements(Float.self)?.prefix(2) == [1, 0])
        #expect(throws: CLIError.self) {
            try InferenceRequest.decode(Data(#"{"inputs": [{"name": "x", "shape": [1], "datatype": "FP32", "data": [true]}]}"#.utf8))
        }
    }

    @Test func integersOutOfRangeAreRefused() {
        let error = #expect(throws: CLIError.self) {
            try InferenceRequest.decode(Data(#"{"inputs": [{"name": "x", "shape": [1], "datatype": "UINT8", "data": [300]}]}"#.utf8))
        }
        #expect(error?.message.contains("range of UINT8") == true)
    }
}

@Suite struct OpsCommandTests {
    @Test func listsOperatorsOfBothDomains() {
        let listing = OpsCommand.listing()
        #expect(listing.contains("ai.onnx ("))
        #expect(listing.contains("ai.onnx.ml ("))
        #expect(listing.contains("  Gemm\n"))
        #expect(listing.contains("  TreeEnsembleClassifier\n"))
    }
}
