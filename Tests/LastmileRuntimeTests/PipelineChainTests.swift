import LastmileAPI
import Testing
@testable import LastmileRuntime

@Suite struct PipelineChainTests {
    private let x = TensorSpec(name: "x", datatype: "FP32", shape: [-1, 4])
    private let y = TensorSpec(name: "y", datatype: "FP32", shape: [-1, 4])
    private let z = TensorSpec(name: "z", datatype: "INT64", shape: [-1])

    @Test func chainFeedsStepsByNameAndReturnsFirstInputsAndLastOutputs() throws {
        // Given a step whose outputs include every input of the next, by name
        let a = modelVersion("a", inputs: [x], outputs: [y, z])
        let b = modelVersion("b", inputs: [z, y], outputs: [x])

        // When the chain is checked
        let chain = try PipelineChain.check([a, b])

        // Then it takes the first step's inputs and gives the last step's outputs
        #expect(chain.inputs == [x])
        #expect(chain.outputs == [x])
    }

    @Test func chainFeedsAOneOutputStepIntoAOneInputStepWhateverTheNames() throws {
        // Given one output named "y" and a next step whose one input is "other"
        let a = modelVersion("a", inputs: [x], outputs: [y])
        let b = modelVersion("b", inputs: [TensorSpec(name: "other", datatype: "FP32", shape: [-1, 4])], outputs: [z])

        // When checked, then they chain positionally
        let chain = try PipelineChain.check([a, b])
        #expect(chain.inputs == [x])
        #expect(chain.outputs == [z])
    }

    @Test func chainRefusesAMissingInputNamingBothSides() throws {
        // Given a step that needs "x" after a step that outputs only "y" and "z"
        let a = modelVersion("a", inputs: [x], outputs: [y, z])
        let scaler = modelVersion("scaler", inputs: [x], outputs: [y])

        // When checked, then the message names both steps, the input and what is offered
        let error = #expect(throws: RuntimeError.self) { try PipelineChain.check([a, scaler]) }
        #expect(error?.code == .invalidPipeline)
        #expect(error?.message == #"step 2 (model "scaler" scaler-1...) needs input "x" (FP32), but step 1 (model "a" a-1b2c3d...) outputs only "y" (FP32), "z" (INT64)"#)
    }

    @Test func chainRefusesADatatypeMismatchByName() throws {
        // Given a step that needs "y" as FP32 after one that outputs "y" as INT64
        let a = modelVersion("a", inputs: [x], outputs: [TensorSpec(name: "y", datatype: "INT64", shape: [-1, 4]), z])
        let b = modelVersion("b", inputs: [y], outputs: [z])

        // When checked, then the message names both datatypes
        let error = #expect(throws: RuntimeError.self) { try PipelineChain.check([a, b]) }
        #expect(error?.code == .invalidPipeline)
        #expect(error?.message.contains(#"needs input "y" as FP32"#) == true)
        #expect(error?.message.contains(#"outputs "y" as INT64"#) == true)
    }

    @Test func chainRefusesAPositionalDatatypeMismatch() throws {
        // Given one INT64 output feeding one FP32 input of another name
        let a = modelVersion("a", inputs: [x], outputs: [z])
        let b = modelVersion("b", inputs: [y], outputs: [x])

        // When checked, then it is refused naming both
        let error = #expect(throws: RuntimeError.self) { try PipelineChain.check([a, b]) }
        #expect(error?.code == .invalidPipeline)
        #expect(error?.message.contains(#""y" (FP32)"#) == true)
        #expect(error?.message.contains(#""z", which is INT64"#) == true)
    }

    @Test func chainRefusesAPipelineWithoutSteps() throws {
        let error = #expect(throws: RuntimeError.self) { try PipelineChain.check([]) }
        #expect(error?.code == .invalidPipeline)
    }
}
