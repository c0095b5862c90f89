import Foundation
import LastmileONNXProto
import LastmileTesting
import Testing

@Suite struct ModelProtoTests {
    @Test func aConverterModelDecodes() throws {
        // Given a model skl2onnx wrote
        let url = Fixture.committedRoot.appendingPathComponent("random_forest_regressor/model.onnx")
        // When the generated code decodes it
        let model = try Onnx_ModelProto(serializedBytes: Data(contentsOf: url))
        // Then its graph, opsets and tree ensemble node are there
        #expect(model.irVersion >= 3)
        #expect(model.opsetImport.contains { $0.domain == "ai.onnx.ml" })
        #expect(model.graph.node.contains { $0.opType == "TreeEnsembleRegressor" })
        #expect(model.graph.input.first?.type.tensorType.elemType == 1)
    }
}
