import Foundation
import LastmileEngine
import LastmileTensor
import LastmileTesting
import Testing

/// Broken models and bad inputs get clear errors, never a crash.
@Suite struct BadModelTests {
    /// A tiny valid model: y = Relu(x + b) with x float [N, 3].
    private func reluModel() throws -> Data {
        var builder = ModelBuilder()
        builder.input("x", .float32, [nil, 3])
        builder.initializer("b", try Tensor(shape: [3], elements: [Float(1), -2, 3]))
        builder.node("Add", inputs: ["x", "b"], outputs: ["s"], name: "add")
        builder.node("Relu", inputs: ["s"], outputs: ["y"], name: "relu")
        builder.output("y", .float32, [nil, 3])
        return try builder.serialized()
    }

    @Test func aValidModelRuns() throws {
        let session = try InferenceSession(serialized: reluModel())
        let y = try session.run(["x": Tensor(shape: [1, 3], elements: [Float(1), 1, -5])])["y"]?.tensor
        #expect(y?.elements(Float.self) == [2, 0, 0])
    }

    @Test func aFileThatIsNotONNXIsRefused() {
        let text = Data("name,age\nalice,31\nbob,27\n".utf8)
        let error = #expect(throws: EngineError.self) { try Model(serialized: text) }
        #expect(error?.code == .invalidModel)
        #expect(error?.message.contains("not an ONNX model") == true)
    }

    @Test func anEmptyFileIsRefused() {
        let error = #expect(throws: EngineError.self) { try Model(serialized: Data()) }
        #expect(error?.message.contains("empty") == true)
    }

    @Test func everyTruncationOfAModelFailsCleanly() throws {
        // Given a valid model cut at every length
        let bytes = try reluModel()
        for length in stride(from: 1, to: bytes.count, by: 3) {
            // When it is loaded and, if it loads, compiled and run
            do {
                let session = try InferenceSession(serialized: bytes.prefix(length))
                _ = try session.run(["x": Tensor(shape: [1, 3], elements: [Float(1), 1, 1])])
            } catch let error as EngineError {
                // Then any failure is an EngineError with a message
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func unsupportedOpsAreAllListedOnce() throws {
        var builder = ModelBuilder(opsets: ["": 17, "com.example": 1])
        builder.input("x", .float32, [nil, 3])
        builder.node("FancyOp", inputs: ["x"], outputs: ["a"])
        builder.node("OtherOp", domain: "com.example", inputs: ["a"], outputs: ["b"])
        builder.node("FancyOp", inputs: ["b"], outputs: ["y"])
        builder.output("y", .float32, [nil, 3])
        let error = #expect(throws: EngineError.self) { try InferenceSession(serialized: builder.serialized()) }
        #expect(error?.code == .unsupportedModel)
        #expect(error?.unsupported == ["ai.onnx:FancyOp (opset 17)", "com.example:OtherOp (opset 1)"])
    }

    @Test func externalDataIsRefusedByName() throws {
        var builder = ModelBuilder()
        builder.input("x", .float32, [nil, 3])
        builder.initializer("weights", try Tensor(shape: [3], elements: [Float(1), 2, 3]))
        builder.proto.graph.initializer[0].dataLocation = .external
        builder.proto.graph.initializer[0].rawData = Data()
        builder.node("Add", inputs: ["x", "weights"], outputs: ["y"])
        builder.output("y", .float32, [nil, 3])
        let error = #expect(throws: EngineError.self) { try Model(serialized: builder.serialized()) }
        #expect(error?.message.contains("\"weights\"") == true)
        #expect(error?.message.contains("external") == true)
    }

    @Test func oldIRVersionsAreRefused() throws {
        var builder = ModelBuilder(irVersion: 2)
        builder.input("x", .float32, [1])
        builder.output("x", .float32, [1])
        let error = #expect(throws: EngineError.self) { try Model(serialized: builder.serialized()) }
        #expect(error?.message.contains("IR version 2") == true)
    }

    @Test func aMissingInputIsNamed() throws {
        let session = try InferenceSession(serialized: reluModel())
        let error = #expect(throws: EngineError.self) { try session.run([:]) }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("missing input \"x\"") == true)
    }

    @Test func anUnknownInputIsNamed() throws {
        let session = try InferenceSession(serialized: reluModel())
        let x = try Tensor(shape: [1, 3], elements: [Float(1), 2, 3])
        let error = #expect(throws: EngineError.self) { try session.run(["x": x, "z": x]) }
        #expect(error?.message.contains("unknown input \"z\"") == true)
    }

    @Test func aWrongDtypeIsNamed() throws {
        let session = try InferenceSession(serialized: reluModel())
        let error = #expect(throws: EngineError.self) {
            try session.run(["x": Tensor(shape: [1, 3], elements: [Double(1), 2, 3])])
        }
        #expect(error?.message.contains("element type float64, expected float32") == true)
    }

    @Test func aWrongRankIsNamed() throws {
        let session = try InferenceSession(serialized: reluModel())
        let error = #expect(throws: EngineError.self) {
            try session.run(["x": Tensor(shape: [3], elements: [Float(1), 2, 3])])
        }
        #expect(error?.message.contains("expected rank 2") == true)
    }

    @Test func aWrongFixedDimensionIsNamed() throws {
        let session = try InferenceSession(serialized: reluModel())
        let error = #expect(throws: EngineError.self) {
            try session.run(["x": Tensor(shape: [1, 4], elements: [Float(1), 2, 3, 4])])
        }
        #expect(error?.message.contains("expected dimension 1 to be 3") == true)
    }

    @Test func aShapeErrorInsideTheGraphNamesTheNode() throws {
        // Given a model whose two inputs only broadcast for some shapes
        var builder = ModelBuilder()
        builder.input("a", .float32, [nil])
        builder.input("b", .float32, [nil])
        builder.node("Add", inputs: ["a", "b"], outputs: ["y"], name: "sum")
        builder.output("y", .float32, [nil])
        let session = try InferenceSession(serialized: builder.serialized())
        // When they do not broadcast
        let error = #expect(throws: EngineError.self) {
            try session.run(["a": Tensor(shape: [2], elements: [Float(1), 2]), "b": Tensor(shape: [3], elements: [Float(1), 2, 3])])
        }
        // Then the error names the node and the session keeps working
        #expect(error?.message.contains("node \"sum\" (Add") == true)
        let y = try session.run(["a": Tensor(shape: [2], elements: [Float(1), 2]), "b": Tensor(shape: [1], elements: [Float(10)])])
        #expect(y["y"]?.tensor?.elements(Float.self) == [11, 12])
    }

    @Test func aNodeReadingAnUnknownValueIsRefused() throws {
        var builder = ModelBuilder()
        builder.input("x", .float32, [nil])
        builder.node("Relu", inputs: ["nowhere"], outputs: ["y"], name: "r")
        builder.output("y", .float32, [nil])
        let error = #expect(throws: EngineError.self) { try InferenceSession(serialized: builder.serialized()) }
        #expect(error?.message.contains("\"nowhere\"") == true)
    }

    @Test func nodesListedOutOfOrderStillRun() throws {
        var builder = ModelBuilder()
        builder.input("x", .float32, [nil])
        builder.node("Relu", inputs: ["s"], outputs: ["y"], name: "second")
        builder.node("Neg", inputs: ["x"], outputs: ["s"], name: "first")
        builder.output("y", .float32, [nil])
        let session = try InferenceSession(serialized: builder.serialized())
        let y = try session.run(["x": Tensor(shape: [2], elements: [Float(-1), 2])])
        #expect(y["y"]?.tensor?.elements(Float.self) == [1, 0])
    }

    @Test func overridableInitializersTakeTheCallersValue() throws {
        // Given an initializer that is also a graph input
        var builder = ModelBuilder()
        builder.input("x", .float32, [nil, 3])
        builder.input("b", .float32, [3])
        builder.initializer("b", try Tensor(shape: [3], elements: [Float(1), 1, 1]))
        builder.node("Add", inputs: ["x", "b"], outputs: ["y"])
        builder.output("y", .float32, [nil, 3])
        let session = try InferenceSession(serialized: builder.serialized())
        let x = try Tensor(shape: [1, 3], elements: [Float(0), 0, 0])
        // Then it defaults to the initializer and can be overridden
        #expect(session.inputs.map(\.name) == ["x"])
        #expect(session.overridableInputs.map(\.name) == ["b"])
        #expect(try session.run(["x": x])["y"]?.tensor?.elements(Float.self) == [1, 1, 1])
        let b = try Tensor(shape: [3], elements: [Float(5), 6, 7])
        #expect(try session.run(["x": x, "b": b])["y"]?.tensor?.elements(Float.self) == [5, 6, 7])
    }
}
