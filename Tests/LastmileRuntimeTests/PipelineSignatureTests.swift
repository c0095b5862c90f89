import Foundation
import LastmileAPI
import LastmileEngine
import LastmileTesting
import Testing
@testable import LastmileRuntime

@Suite struct PipelineSignatureTests {
    @Test func signatureOfAZipMapClassifierMapsDimsAndTheSequenceOfMaps() throws {
        // Given a scikit-learn logistic regression converted with its ZipMap output
        let fixture = try Fixture(directory: Fixture.committedRoot.appendingPathComponent("logreg_binary"))

        // When its signature is read
        let signature = try ModelSignature.read(Data(contentsOf: fixture.modelURL))

        // Then the batch dimension is -1, fixed ones stay, and ZipMap's maps are JSON rows
        #expect(signature.inputs == [TensorSpec(name: "X", datatype: "FP32", shape: [-1, 6])])
        #expect(signature.outputs == [
            TensorSpec(name: "output_label", datatype: "INT64", shape: [-1]),
            TensorSpec(name: "output_probability", datatype: "JSON", shape: [-1]),
        ])
    }

    @Test func signatureKeepsFixedDimsAndMarksUnnamedOnes() throws {
        // Given a model with a fixed [2, 3] input and an output whose first dim is unnamed
        var builder = ModelBuilder()
        builder.input("a", .int64, [2, 3])
        builder.node("Identity", inputs: ["a"], outputs: ["b"])
        builder.output("b", .int64, [nil, 3])

        // When its signature is read
        let signature = try ModelSignature.read(try builder.serialized())

        // Then
        #expect(signature.inputs == [TensorSpec(name: "a", datatype: "INT64", shape: [2, 3])])
        #expect(signature.outputs == [TensorSpec(name: "b", datatype: "INT64", shape: [-1, 3])])
    }

    @Test func signatureOfAModelWithAnUnknownOpThrowsTheEngineErrorListingIt() throws {
        // Given a model using an op the engine lacks
        var builder = ModelBuilder()
        builder.input("x", .float32, [nil, 4])
        builder.node("NoSuchOp", inputs: ["x"], outputs: ["y"])
        builder.output("y", .float32, [nil, 4])

        // When its signature is read, then the engine's own error says which op
        let error = #expect(throws: EngineError.self) { try ModelSignature.read(try builder.serialized()) }
        #expect(error?.code == .unsupportedModel)
        #expect(error?.unsupported.contains { $0.contains("NoSuchOp") } == true)
    }
}
