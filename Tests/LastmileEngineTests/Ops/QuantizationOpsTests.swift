import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileEngine

/// Expected values come from the ONNX reference implementation (onnx.reference), copied here.
@Suite struct QuantizationOpsTests {
    @Test func quantizeLinearRoundsHalfToEvenAndSaturates() throws {
        let x = Tensor(unchecked: [6], [Float](arrayLiteral: 0, 1, 2.5, 3.5, 1000, -1000))
        let y = try OpHarness.output("QuantizeLinear", opset: 19, [x, Tensor(scalar: Float(1)), Tensor(scalar: UInt8(2))])
        #expect(y.elements(UInt8.self) == [2, 3, 4, 6, 255, 0])
    }

    @Test func quantizeLinearSupportsBlocks() throws {
        let x = Tensor(unchecked: [2, 4], [Float](arrayLiteral: -1, 0.5, 2.5, 3.49, 10, -300, 0.25, 1.5))
        let scale = Tensor(unchecked: [2, 1], [Float](arrayLiteral: 0.5, 2))
        let zero = Tensor(unchecked: [2, 1], [Int8](arrayLiteral: 1, -2))
        let y = try OpHarness.output("QuantizeLinear", opset: 21, [x, scale, zero], ["block_size": .int(4)])
        #expect(y.elements(Int8.self) == [-1, 2, 6, 8, 3, -128, -2, -1])
    }

    @Test func dequantizeLinearIsPerAxis() throws {
        let x = Tensor(unchecked: [2, 2], [UInt8](arrayLiteral: 0, 10, 20, 255))
        let scale = Tensor(unchecked: [2], [Float](arrayLiteral: 0.5, 2))
        let zero = Tensor(unchecked: [2], [UInt8](arrayLiteral: 10, 0))
        let y = try OpHarness.output("DequantizeLinear", opset: 13, [x, scale, zero], ["axis": .int(1)])
        #expect(y.elements(Float.self) == [-5, 20, 5, 510])
    }

    @Test func softmaxCrossEntropyWeightsTheMean() throws {
        let scores = Tensor(unchecked: [2, 3], [Float](arrayLiteral: 1, 2, 3, 0.5, -1, 2))
        let labels = Tensor(unchecked: [2], [Int64](arrayLiteral: 2, 1))
        let weights = Tensor(unchecked: [3], [Float](arrayLiteral: 1, 2, 0.5))
        let outputs = try OpHarness.outputs("SoftmaxCrossEntropyLoss", opset: 13, [scores, labels, weights], outputs: 2)
        let loss = try #require(outputs.first?.elements(Float.self)?.first)
        #expect(abs(loss - 2.6745703) < 1e-5)
        let logProb = try #require(outputs.last?.elements(Float.self))
        let expected: [Float] = [-2.407606, -1.407606, -0.40760598, -1.7413114, -3.2413113, -0.24131133]
        #expect(zip(logProb, expected).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func quantizeLinearRefusesFloat8() {
        #expect(throws: OpError.self) {
            try OpHarness.output("QuantizeLinear", opset: 21, [Tensor(scalar: Float(1)), Tensor(scalar: Float(1))], ["output_dtype": .int(17)])
        }
    }
}
