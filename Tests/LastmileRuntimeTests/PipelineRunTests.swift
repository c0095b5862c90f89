import Foundation
import LastmileAPI
import LastmileEngine
import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileRuntime

@Suite struct PipelineRunTests {
    @Test func twoStepPipelineEqualsRunningTheSessionsByHand() throws {
        // Given x + c1 feeding (by name) y * c2
        let add = try TestModels.binary("Add", input: "x", output: "y", constant: [1, 2, 3, 4])
        let mul = try TestModels.binary("Mul", input: "y", output: "z", constant: [0.5, -1, 2, 10])
        let pipeline = try compile("p", [("add", add), ("mul", mul)])
        let x = rows(3, from: -2)

        // When the pipeline runs
        let outputs = try pipeline.run(["x": x])

        // Then it gives what the two sessions give run one after the other
        let y = try InferenceSession(serialized: add).run(["x": x])
        let expected = try InferenceSession(serialized: mul).run(values: ["y": #require(y["y"])])
        #expect(outputs.map(\.name) == ["z"])
        #expect(same(outputs[0].value, try #require(expected["z"])))
        #expect(pipeline.inputs == [TensorSpec(name: "x", datatype: "FP32", shape: [-1, 4])])
        #expect(pipeline.outputs == [TensorSpec(name: "z", datatype: "FP32", shape: [-1, 4])])
        #expect(pipeline.modelVersionIDs == ["add-0000-uuid", "mul-0000-uuid"])
    }

    @Test func positionalChainFeedsTheOneOutputToTheOneInput() throws {
        // Given a step outputting "y" and a next step whose only input is "w"
        let add = try TestModels.binary("Add", input: "x", output: "y")
        let mul = try TestModels.binary("Mul", input: "w", output: "z", constant: [2, 2, 2, 2])
        let pipeline = try compile("p", [("add", add), ("mul", mul)])
        let x = rows(2, from: 5)

        // When it runs
        let outputs = try pipeline.run(["x": x])

        // Then step 2 got step 1's output as "w"
        let y = try InferenceSession(serialized: add).run(["x": x])
        let expected = try InferenceSession(serialized: mul).run(values: ["w": #require(y["y"])])
        #expect(same(outputs[0].value, try #require(expected["z"])))
    }

    @Test func pipelineRunsAZipMapClassifierLikeItsSession() throws {
        // Given the logistic regression fixture as a one-step pipeline
        let bytes = try Data(contentsOf: Fixture.committedRoot.appendingPathComponent("logreg_binary/model.onnx"))
        let pipeline = try compile("classifier", [("logreg", bytes)])
        let x = Tensor(unchecked: [3, 6], (0..<18).map { Float($0) / 4 - 2 })

        // When it runs
        let outputs = try pipeline.run(["X": x])

        // Then label and probability maps are the session's, in declared order
        let expected = try InferenceSession(serialized: bytes).run(["X": x])
        #expect(outputs.map(\.name) == ["output_label", "output_probability"])
        for output in outputs {
            #expect(same(output.value, try #require(expected[output.name])))
        }
    }

    @Test(arguments: [
        (["x": rows(1, from: 0), "q": rows(1, from: 0)], #"unknown input "q""#),
        ([:], #"missing input "x" (FP32 [-1, 4])"#),
        (["x": Tensor(unchecked: [1, 4], [Int64](repeating: 1, count: 4))], #"input "x" is INT64; expected FP32"#),
        (["x": Tensor(unchecked: [1, 3], [Float](repeating: 1, count: 3))], #"input "x" has shape [1, 3]; expected [-1, 4]"#),
        (["x": Tensor(unchecked: [4], [Float](repeating: 1, count: 4))], #"input "x" has shape [4]; expected [-1, 4]"#),
    ] as [([String: Tensor], String)])
    func validateRefusesABadRequestNamingTheInput(inputs: [String: Tensor], message: String) throws {
        // Given a pipeline taking "x" as FP32 [-1, 4]
        let pipeline = try compile("p", [("add", TestModels.binary("Add", input: "x", output: "y"))])

        // When a bad request is validated or run, then it is refused as bad input, named
        let error = #expect(throws: RuntimeError.self) { try pipeline.validate(inputs) }
        #expect(error?.code == .badInput)
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
        #expect(throws: RuntimeError.self) { try pipeline.run(inputs) }
    }

    @Test func compileRefusesAStepWhoseArtifactIsMissing() throws {
        // Given a pipeline version whose model bytes are not in the artifact source
        let version = try modelVersion("add", TestModels.binary("Add", input: "x", output: "y"))
        let pipeline = PipelineVersion(
            pipeline: "p", workspace: "ws", version: 1, steps: [.model(ModelReference(name: "add", version: version.id))],
            inputs: version.inputs, outputs: version.outputs, createdAt: Date(timeIntervalSince1970: 0)
        )

        // When it is compiled, then the step is named
        let error = #expect(throws: RuntimeError.self) {
            try CompiledPipeline(version: pipeline, models: [version], artifacts: MemoryArtifacts(models: [:]))
        }
        #expect(error?.code == .invalidPipeline)
        #expect(error?.message.hasPrefix(#"step 1 (model "add" add-0000...) of pipeline "p" version 1 cannot be loaded"#) == true, "\(error?.message ?? "")")
    }

    @Test func compileRefusesModelsThatDoNotMatchTheSteps() throws {
        // Given a step naming model "other" but the version of "add"
        let version = try modelVersion("add", TestModels.binary("Add", input: "x", output: "y"))
        let pipeline = PipelineVersion(
            pipeline: "p", workspace: "ws", version: 1, steps: [.model(ModelReference(name: "other"))],
            inputs: version.inputs, outputs: version.outputs, createdAt: Date(timeIntervalSince1970: 0)
        )

        // When compiled, then refused
        let error = #expect(throws: RuntimeError.self) {
            try CompiledPipeline(version: pipeline, models: [version], artifacts: MemoryArtifacts(models: [:]))
        }
        #expect(error?.code == .invalidPipeline)
    }
}
