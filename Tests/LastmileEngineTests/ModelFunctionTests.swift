import Foundation
import LastmileEngine
import LastmileONNXProto
import LastmileTensor
import LastmileTesting
import Testing

/// Model-local functions are expanded into their nodes when a model loads.
@Suite struct ModelFunctionTests {
    @Test func aFunctionCallRunsItsBody() throws {
        // Given a model calling local:ScaledSum(x, y) = (x + y) * alpha, alpha an attribute
        var builder = ModelBuilder(opsets: ["": 17, "local": 1])
        builder.input("a", .float32, [2])
        builder.input("b", .float32, [2])
        builder.node("ScaledSum", domain: "local", inputs: ["a", "b"], outputs: ["c"], name: "call", floats: ["alpha": 3])
        builder.output("c", .float32, [2])
        var function = Onnx_FunctionProto()
        function.name = "ScaledSum"
        function.domain = "local"
        function.input = ["x", "y"]
        function.output = ["z"]
        function.attribute = ["alpha"]
        var add = Onnx_NodeProto()
        add.opType = "Add"
        add.input = ["x", "y"]
        add.output = ["t"]
        var constant = Onnx_NodeProto()
        constant.opType = "Constant"
        constant.output = ["k"]
        var reference = Onnx_AttributeProto()
        reference.name = "value_float"
        reference.refAttrName = "alpha"
        reference.type = .float
        constant.attribute = [reference]
        var mul = Onnx_NodeProto()
        mul.opType = "Mul"
        mul.input = ["t", "k"]
        mul.output = ["z"]
        function.node = [add, constant, mul]
        function.opsetImport = builder.proto.opsetImport
        builder.proto.functions = [function]

        // When it runs
        let session = try InferenceSession(serialized: builder.serialized())
        let out = try session.run(["a": Tensor(shape: [2], elements: [Float(1), 2]), "b": Tensor(shape: [2], elements: [Float(10), 20])])

        // Then the body computed (a + b) * 3 and inner names did not leak
        #expect(out["c"]?.tensor?.elements(Float.self) == [33, 66])
        #expect(session.model.graph.nodes.map(\.name) == ["call/Add_0", "call/Constant_1", "call/Mul_2"])
    }

    @Test func branchesInsideAFunctionKeepTheirOwnNames() throws {
        // Given a function Pick(x) = If(true, then: Identity(x) -> X), called on a value the
        // caller itself names "X": a branch name that collides with the caller's once inlined
        var builder = ModelBuilder(opsets: ["": 17, "local": 1])
        builder.input("X", .float32, [2])
        builder.node("Pick", domain: "local", inputs: ["X"], outputs: ["y"], name: "pick")
        builder.output("y", .float32, [2])
        var branch = Onnx_GraphProto()
        branch.name = "then"
        var identity = Onnx_NodeProto()
        identity.opType = "Identity"
        identity.input = ["x"]
        identity.output = ["X"]
        branch.node = [identity]
        var branchOutput = Onnx_ValueInfoProto()
        branchOutput.name = "X"
        branch.output = [branchOutput]
        var constant = Onnx_NodeProto()
        constant.opType = "Constant"
        constant.output = ["yes"]
        var value = Onnx_AttributeProto()
        value.name = "value"
        value.type = .tensor
        value.t.dataType = 9
        value.t.int32Data = [1]
        constant.attribute = [value]
        var pick = Onnx_NodeProto()
        pick.opType = "If"
        pick.input = ["yes"]
        pick.output = ["out"]
        for name in ["then_branch", "else_branch"] {
            var attribute = Onnx_AttributeProto()
            attribute.name = name
            attribute.type = .graph
            attribute.g = branch
            pick.attribute.append(attribute)
        }
        var function = Onnx_FunctionProto()
        function.name = "Pick"
        function.domain = "local"
        function.input = ["x"]
        function.output = ["out"]
        function.node = [constant, pick]
        function.opsetImport = builder.proto.opsetImport
        builder.proto.functions = [function]

        // When it runs, Then the branch passed the caller's X through
        let session = try InferenceSession(serialized: builder.serialized())
        let out = try session.run(["X": Tensor(shape: [2], elements: [Float(4), 5])])
        #expect(out["y"]?.tensor?.elements(Float.self) == [4, 5])
    }
}
