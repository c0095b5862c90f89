import Foundation
import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileEngine

private func run(
    _ op: String, opset: Int = 21, _ inputs: [Tensor?], _ attributes: [String: Attribute] = [:]
) throws -> Tensor {
    try OpHarness.output(op, opset: opset, inputs, attributes)
}

private func floats(_ shape: [Int], _ values: [Float]) -> Tensor { Tensor(unchecked: shape, values) }

/// Whether `tensor` holds float32 values within `tolerance` of `expected`.
private func close(_ tensor: Tensor, _ shape: [Int], _ expected: [Float], tolerance: Float = 1e-5) -> Bool {
    guard tensor.shape == shape, let a = tensor.elements(Float.self), a.count == expected.count else { return false }
    return zip(a, expected).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}

// Expected values come from the onnx reference implementation (onnx.reference).
@Suite struct ConvolutionOpsTests {
    private let image = floats([1, 2, 4, 4], (0..<32).map { Float($0) / 10 })
    private let weights = floats([2, 2, 2, 2], [1, 0, -1, 2, 0.5, 1, 1, -1, -1, 1, 0, 0.5, 2, 0, 1, 1])

    @Test func convWithAsymmetricPadsAndStridesMatchesTheReference() throws {
        let y = try run("Conv", [image, weights, floats([2], [0.5, -1])],
                        ["pads": .ints([1, 0, 0, 1]), "strides": .ints([2, 1])])
        #expect(close(y, [1, 2, 2, 4], [0.6, 0.7, 0.8, 2.1, 4.9, 5.25, 5.6, 3.95,
                                          2.35, 2.6, 2.85, 0.9, 8.45, 8.9, 9.35, 5.6]))
    }

    @Test func depthwiseDilatedConvMatchesTheReference() throws {
        let depthwise = floats([2, 1, 2, 2], [1, 0, -1, 2, -1, 1, 0, 0.5])
        let y = try run("Conv", [image, depthwise, floats([2], [0.5, -1])],
                        ["group": .int(2), "dilations": .ints([2, 2])])
        #expect(close(y, [1, 2, 2, 2], [1.7, 1.9, 2.5, 2.7, 0.5, 0.55, 0.7, 0.75]))
    }

    @Test func pointwiseConvIsAMatrixProduct() throws {
        let x = floats([1, 2, 1, 3], [1, 2, 3, 4, 5, 6])
        let w = floats([1, 2, 1, 1], [1, -1])
        #expect(try run("Conv", [x, w]) == floats([1, 1, 1, 3], [-3, -3, -3]))
    }

    @Test func float64ConvAgreesWithFloat32() throws {
        let x = try Tensor(shape: image.shape, elements: (image.elements(Float.self) ?? []).map { Double($0) })
        let w = try Tensor(shape: weights.shape, elements: (weights.elements(Float.self) ?? []).map { Double($0) })
        let y64 = try run("Conv", [x, w], ["pads": .ints([1, 1, 1, 1])])
        let y32 = try run("Conv", [image, weights], ["pads": .ints([1, 1, 1, 1])])
        #expect(y64.shape == [1, 2, 5, 5])
        #expect(close(y32, [1, 2, 5, 5], (y64.elements(Double.self) ?? []).map { Float($0) }))
    }

    @Test func convTransposeWithGroupsStridesAndOutputPadding() throws {
        let x = floats([1, 2, 2], [1, 0, 0.5, 1])
        let w = floats([2, 1, 3], [1, 2, -1, 0, 1, 1])
        let y = try run("ConvTranspose", [x, w],
                        ["strides": .ints([2]), "output_padding": .ints([1]), "group": .int(2)])
        #expect(y == floats([1, 2, 6], [1, 2, -1, 0, 0, 0, 0, 0.5, 0.5, 1, 1, 0]))
    }

    @Test func maxPoolReturnsValuesAndFlatIndices() throws {
        let x = floats([1, 1, 4, 4], [1, 5, 2, 8, 3, 0, 7, 4, 9, 6, 1, 2, 0, 3, 4, 10])
        let outputs = try OpHarness.outputs(
            "MaxPool", opset: 12, [x],
            ["kernel_shape": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])], outputs: 2)
        #expect(outputs.first == floats([1, 1, 2, 2], [5, 8, 9, 10]))
        #expect(outputs.last == (try Tensor(shape: [1, 1, 2, 2], elements: [Int64(1), 3, 8, 15])))
    }

    @Test func averagePoolCountsPaddingWhenAsked() throws {
        let x = floats([1, 1, 4, 4], [1, 5, 2, 8, 3, 0, 7, 4, 9, 6, 1, 2, 0, 3, 4, 10])
        let y = try run("AveragePool", [x], ["kernel_shape": .ints([3, 3]), "strides": .ints([2, 2]),
                                              "pads": .ints([1, 1, 1, 1]), "count_include_pad": .int(1)])
        #expect(close(y, [1, 1, 2, 2], [1, 2.8888888, 2.3333333, 4.1111111]))
    }

    @Test func globalPoolsReduceEachPlane() throws {
        let x = floats([1, 2, 2, 2], [1, 2, 3, 4, -1, -2, -3, 6])
        #expect(try run("GlobalAveragePool", [x]) == floats([1, 2, 1, 1], [2.5, 0]))
        #expect(try run("GlobalMaxPool", [x]) == floats([1, 2, 1, 1], [4, 6]))
    }

    @Test func padModesMatchNumpy() throws {
        let x = floats([2, 3], [1, 2, 3, 4, 5, 6])
        let pads = try Tensor(shape: [4], elements: [Int64(1), 2, 0, 3])
        let reflect = try run("Pad", [x, pads], ["mode": .string("reflect")])
        #expect(reflect == floats([3, 8], [6, 5, 4, 5, 6, 5, 4, 5, 3, 2, 1, 2, 3, 2, 1, 2, 6, 5, 4, 5, 6, 5, 4, 5]))
        let edge = try run("Pad", [x, pads], ["mode": .string("edge")])
        #expect(edge == floats([3, 8], [1, 1, 1, 2, 3, 3, 3, 3, 1, 1, 1, 2, 3, 3, 3, 3, 4, 4, 4, 5, 6, 6, 6, 6]))
        let wrap = try run("Pad", [x, pads], ["mode": .string("wrap")])
        #expect(wrap == floats([3, 8], [5, 6, 4, 5, 6, 4, 5, 6, 2, 3, 1, 2, 3, 1, 2, 3, 5, 6, 4, 5, 6, 4, 5, 6]))
        let constant = try run("Pad", [x, pads, floats([], [9.5])])
        #expect(constant == floats([3, 8], [9.5, 9.5, 9.5, 9.5, 9.5, 9.5, 9.5, 9.5, 9.5, 9.5, 1, 2, 3, 9.5, 9.5, 9.5,
                                             9.5, 9.5, 4, 5, 6, 9.5, 9.5, 9.5]))
    }

    @Test func padBeforeOpset11ReadsAttributesAndNegativePadsCrop() throws {
        let x = floats([2, 3], [1, 2, 3, 4, 5, 6])
        let y = try run("Pad", opset: 2, [x], ["pads": .ints([0, -1, 1, 0]), "value": .float(7)])
        #expect(y == floats([3, 2], [2, 3, 5, 6, 7, 7]))
    }

    @Test func resizeLinearHalfPixelMatchesTheReference() throws {
        let x = floats([1, 1, 2, 2], [1, 2, 3, 4])
        let y = try run("Resize", [x, nil, floats([4], [1, 1, 2, 2])], ["mode": .string("linear")])
        #expect(close(y, [1, 1, 4, 4], [1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4]))
    }

    @Test func resizeCubicAlignCornersMatchesTheReference() throws {
        let x = floats([1, 1, 2, 2], [1, 2, 3, 4])
        let y = try run("Resize", [x, nil, floats([4], [1, 1, 2, 1.5])],
                        ["mode": .string("cubic"), "coordinate_transformation_mode": .string("align_corners")])
        #expect(close(y, [1, 1, 4, 3], [1, 1.5, 2, 1.62963, 2.12963, 2.62963, 2.37037, 2.87037, 3.37037, 3, 3.5, 4]))
    }

    @Test func depthToSpaceModesOrderChannelsDifferently() throws {
        let x = floats([1, 8, 1, 1], (0..<8).map(Float.init))
        let crd = try run("DepthToSpace", [x], ["blocksize": .int(2), "mode": .string("CRD")])
        #expect(crd == floats([1, 2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]))
        let dcr = try run("DepthToSpace", [x], ["blocksize": .int(2)])
        #expect(dcr == floats([1, 2, 2, 2], [0, 2, 4, 6, 1, 3, 5, 7]))
        #expect(try run("SpaceToDepth", [dcr], ["blocksize": .int(2)]) == x)
    }

    @Test func groupNormalizationScalesPerChannelFromOpset21() throws {
        let x = floats([1, 4, 3], [1, 2, 3, 4, 5, 6, 7, 8, 0, -1, 2, 4])
        let y = try run("GroupNormalization", [x, floats([4], [1, 2, 0.5, 1]), floats([4], [0, 1, 0, -1])],
                        ["num_groups": .int(2)])
        #expect(close(y, [1, 4, 3], [-1.46385, -0.87831, -0.29277, 1.58554, 2.75662, 3.9277,
                                     0.54727, 0.69653, -0.49752, -2.29355, -1.39801, -0.80099], tolerance: 1e-4))
    }

    @Test func rmsNormalizationDividesByTheRootMeanSquare() throws {
        let x = floats([2, 2], [3, 4, 1, -1])
        let y = try run("RMSNormalization", opset: 23, [x, floats([2], [1, 2])], ["epsilon": .float(0)])
        let r = Float(12.5).squareRoot()
        #expect(close(y, [2, 2], [3 / r, 8 / r, 1, -2]))
    }

    @Test func malformedInputsThrowInsteadOfCrashing() {
        #expect(throws: OpError.self) { try run("Conv", [floats([1, 3, 4, 4], .init(repeating: 0, count: 48)), weights]) }
        #expect(throws: OpError.self) { try run("MaxPool", [floats([1, 1, 2, 2], [1, 2, 3, 4])], ["kernel_shape": .ints([3, 3])]) }
        #expect(throws: OpError.self) { try run("Pad", [floats([2], [1, 2]), try Tensor(shape: [2], elements: [Int64(-3), 0])]) }
        #expect(throws: OpError.self) { try run("DepthToSpace", [floats([1, 3, 1, 1], [1, 2, 3])], ["blocksize": .int(2)]) }
    }
}
