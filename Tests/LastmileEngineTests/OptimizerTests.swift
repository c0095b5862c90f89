import Foundation
import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileEngine

/// Each optimiser pass rewrites what it should and leaves results unchanged.
@Suite struct OptimizerTests {
    private func optimized(_ model: Model) -> Graph {
        Optimizer(opsets: model.opsets, registry: .standard).optimize(model.graph)
    }

    @Test func denseLayersBecomeGemm() throws {
        // Given the Keras-style network: MatMul + Add per dense layer
        let model = try Model(contentsOf: Fixture.committedRoot.appendingPathComponent("keras_dense/model.onnx"))
        #expect(model.graph.nodes.filter { $0.opType == "MatMul" }.count == 2)
        // When it is optimised
        let graph = optimized(model)
        // Then each MatMul + Add pair is one Gemm
        #expect(graph.nodes.map(\.opType).filter { $0 == "MatMul" || $0 == "Add" }.isEmpty)
        #expect(graph.nodes.filter { $0.opType == "Gemm" }.count == 2)
    }

    @Test func activationsFuseIntoTheGemmBeforeThem() throws {
        // Given the torch-style MLP: Gemm, Relu, Gemm, Sigmoid
        let model = try Model(contentsOf: Fixture.committedRoot.appendingPathComponent("torch_mlp/model.onnx"))
        // When it is optimised
        let graph = optimized(model)
        // Then each activation rides on its Gemm
        #expect(graph.nodes.map(\.opType) == ["Gemm", "Gemm"])
        #expect(graph.nodes.map(\.fusedActivation) == [.relu, .sigmoid])
    }

    @Test func anActivationWhoseInputHasOtherReadersStaysApart() throws {
        // Given a Gemm whose output feeds a Relu and is also a graph output
        var builder = ModelBuilder()
        builder.input("x", .float32, [nil, 2])
        builder.initializer("w", try Tensor(shape: [2, 2], elements: [Float(1), -1, -1, 1]))
        builder.node("Gemm", inputs: ["x", "w"], outputs: ["g"])
        builder.node("Relu", inputs: ["g"], outputs: ["y"])
        builder.output("g", .float32, [nil, 2])
        builder.output("y", .float32, [nil, 2])
        let data = try builder.serialized()
        #expect(optimized(try Model(serialized: data)).nodes.map(\.opType) == ["Gemm", "Relu"])
        let out = try InferenceSession(serialized: data).run(["x": Tensor(shape: [1, 2], elements: [Float(3), 1])])
        #expect(out["g"]?.tensor?.elements(Float.self) == [2, -2])
        #expect(out["y"]?.tensor?.elements(Float.self) == [2, 0])
    }

    @Test func batchNormalizationFoldsIntoTheConvolutionBeforeIt() throws {
        let model = try Model(contentsOf: Fixture.committedRoot.appendingPathComponent("small_resnet/model.onnx"))
        #expect(model.graph.nodes.filter { $0.opType == "BatchNormalization" }.count == 4)
        let graph = optimized(model)
        #expect(graph.nodes.filter { $0.opType == "BatchNormalization" }.isEmpty)
        #expect(graph.nodes.filter { $0.opType == "Conv" }.count == 4)
    }

    @Test func identitiesAndConstantSubgraphsDisappear() throws {
        // Given y = Identity(Identity(x)) + Reshape(c, Shape(c)) with c constant
        var builder = ModelBuilder()
        builder.input("x", .float32, [2])
        builder.initializer("c", try Tensor(shape: [2], elements: [Float(1), 2]))
        builder.node("Identity", inputs: ["x"], outputs: ["i1"])
        builder.node("Identity", inputs: ["i1"], outputs: ["i2"])
        builder.node("Shape", inputs: ["c"], outputs: ["s"])
        builder.node("Reshape", inputs: ["c", "s"], outputs: ["r"])
        builder.node("Add", inputs: ["i2", "r"], outputs: ["y"])
        builder.output("y", .float32, [2])
        let data = try builder.serialized()
        let model = try Model(serialized: data)

        // When it is optimised
        let graph = optimized(model)

        // Then only the Add is left, reading x and a folded constant, and results agree
        #expect(graph.nodes.map(\.opType) == ["Add"])
        #expect(graph.nodes.first?.inputs.first == "x")
        let x = try Tensor(shape: [2], elements: [Float(10), 20])
        for optimize in [false, true] {
            let y = try InferenceSession(serialized: data, options: SessionOptions(optimize: optimize)).run(["x": x])["y"]?.tensor
            #expect(y?.elements(Float.self) == [11, 22])
        }
    }

    @Test func anIdentityThatIsAGraphOutputStays() throws {
        var builder = ModelBuilder()
        builder.input("x", .float32, [1])
        builder.node("Identity", inputs: ["x"], outputs: ["y"])
        builder.output("y", .float32, [1])
        let model = try Model(serialized: builder.serialized())
        #expect(optimized(model).nodes.map(\.opType) == ["Identity"])
    }

    @Test func deadNodesAndTheirInitializersAreRemoved() throws {
        var builder = ModelBuilder()
        builder.input("x", .float32, [1])
        builder.initializer("unused_weight", try Tensor(shape: [1], elements: [Float(3)]))
        builder.node("Mul", inputs: ["x", "unused_weight"], outputs: ["nobody_reads_this"])
        builder.node("Neg", inputs: ["x"], outputs: ["y"])
        builder.output("y", .float32, [1])
        let graph = optimized(try Model(serialized: builder.serialized()))
        #expect(graph.nodes.map(\.opType) == ["Neg"])
        #expect(graph.initializers["unused_weight"] == nil)
    }

    @Test func unsupportedOpsAreStillReportedWhenOptimising() throws {
        var builder = ModelBuilder()
        builder.input("x", .float32, [1])
        builder.node("NoSuchOp", inputs: ["x"], outputs: ["dead"])
        builder.node("Neg", inputs: ["x"], outputs: ["y"])
        builder.output("y", .float32, [1])
        let error = #expect(throws: EngineError.self) { try InferenceSession(serialized: builder.serialized()) }
        #expect(error?.unsupported == ["ai.onnx:NoSuchOp (opset 17)"])
    }
}
