import Foundation
import LastmileEngine
import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileCLI

/// `lastmile predict` reproduces onnxruntime on every fixture, from JSON, CSV and .npy input.
@Suite struct PredictCommandTests {
    private func check(_ response: String, against fixture: Fixture) throws {
        let outputs = try ExpectedOutput.decodeResponse(Data(response.utf8))
        let byName = Dictionary(uniqueKeysWithValues: outputs.map { ($0.name, $0) })
        for expected in try fixture.expectedOutputs() {
            let actual = try #require(byName[expected.name], "\(fixture.name): \(expected.name) missing from the response")
            #expect(actual.datatype == expected.datatype, "\(fixture.name): \(expected.name)")
            #expect(actual.shape == expected.shape, "\(fixture.name): \(expected.name)")
            #expect(Self.close(actual.data, expected.data, rtol: fixture.rtol, atol: fixture.atol), "\(fixture.name): \(expected.name)")
        }
    }

    private static func close(_ a: ExpectedOutput.Data, _ b: ExpectedOutput.Data, rtol: Double, atol: Double) -> Bool {
        func near(_ x: Double, _ y: Double) -> Bool { (x.isNaN && y.isNaN) || abs(x - y) <= atol + rtol * abs(y) }
        switch (a, b) {
        case (.numbers(let x), .numbers(let y)): return x.count == y.count && zip(x, y).allSatisfy(near)
        case (.strings(let x), .strings(let y)): return x == y
        case (.bools(let x), .bools(let y)): return x == y
        case (.maps(let x), .maps(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { m, n in
                Set(m.keys) == Set(n.keys) && m.allSatisfy { key, value in near(value, n[key] ?? .nan) }
            }
        default: return false
        }
    }

    @Test(arguments: try Fixture.all())
    func predictPrintsOnnxruntimesOutputs(_ fixture: Fixture) throws {
        let session = try LastmileCommand.loadSession(fixture.modelURL.path)
        let response = try PredictCommand.predict(session: session, input: fixture.requestURL, modelName: fixture.name)
        #expect(response.hasPrefix("{\"model_name\": \"\(fixture.name)\""))
        try check(response, against: fixture)
    }

    @Test func csvAndNumpyInputsGiveTheSameAnswer() throws {
        let fixture = try Fixture(directory: Fixture.committedRoot.appendingPathComponent("logreg_binary"))
        let session = try LastmileCommand.loadSession(fixture.modelURL.path)
        for file in ["request.csv", "request.npy"] {
            let response = try PredictCommand.predict(
                session: session, input: fixture.directory.appendingPathComponent(file), modelName: fixture.name)
            try check(response, against: fixture)
        }
    }

    @Test func csvColumnsFeedAMultiInputModelByName() throws {
        // Given the mixed-type pipeline, whose inputs are "num" [N, 3] and "cat" [N, 1]... a CSV
        // can only feed inputs of one column each, so build a two-input model instead.
        var builder = ModelBuilder()
        builder.input("a", .float32, [nil, 1])
        builder.input("b", .float32, [nil, 1])
        builder.node("Add", inputs: ["a", "b"], outputs: ["y"])
        builder.output("y", .float32, [nil, 1])
        let session = try InferenceSession(serialized: builder.serialized())
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-\(UUID()).csv")
        try Data("b,a\n1,10\n2,\n".utf8).write(to: csv)
        defer { try? FileManager.default.removeItem(at: csv) }
        // When it is predicted
        let response = try PredictCommand.predict(session: session, input: csv, modelName: "sum")
        // Then columns went to the inputs they name, and an empty cell is NaN
        #expect(response.contains("\"data\": [11.0, \"NaN\"]"))
    }

    @Test func outputFileReceivesTheResponse() throws {
        let fixture = try Fixture(directory: Fixture.committedRoot.appendingPathComponent("keras_dense"))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: out) }
        var command = try LastmileCommand.parseAsRoot(["predict", fixture.modelURL.path, "--input", fixture.requestURL.path, "--output", out.path])
        try command.run()
        try check(String(decoding: try Data(contentsOf: out), as: UTF8.self), against: fixture)
    }
}
