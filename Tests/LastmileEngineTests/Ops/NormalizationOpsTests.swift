import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileEngine

// Expected values come from onnxruntime 1.23 (one-node models) unless stated otherwise.

private func run(
    _ op: String, opset: Int = 17, _ inputs: [Tensor?], _ attributes: [String: Attribute] = [:], outputs: Int = 1
) throws -> [Tensor] {
    try OpHarness.outputs(op, opset: opset, inputs, attributes, outputs: outputs)
}

private func runWithConstants(
    _ op: String, opset: Int, _ inputs: [Tensor?], constant: Set<Int>, _ attributes: [String: Attribute] = [:],
    outputs: Int = 1
) throws -> [Tensor] {
    try OpHarness.outputs(op, opset: opset, inputs, attributes, outputs: outputs, constantInputs: constant)
}

private func close(_ t: Tensor, _ expected: [Double], tolerance: Double = 1e-5) -> Bool {
    guard let values = t.doubles, values.count == expected.count else { return false }
    return zip(values, expected).allSatisfy { x, y in
        x == y || abs(x - y) <= tolerance * max(1, abs(y)) || (x.isNaN && y.isNaN)
    }
}

/// N=2, C=2, 2 x 2 images.
private let images = Tensor(unchecked: [2, 2, 2, 2], [1, 2, 3, 5, -1, 0, 4, 8, 0.5, 0.5, 2, -2, 3, 3, 3, 7] as [Float])
private let matrix = Tensor(unchecked: [3, 2], [1, 2, 3, 4, 5, -6] as [Float])
private let scale = Tensor(unchecked: [2], [1.5, -0.5] as [Float])
private let bias = Tensor(unchecked: [2], [0.1, 0.2] as [Float])
private let mean = Tensor(unchecked: [2], [2, 1] as [Float])
private let variance = Tensor(unchecked: [2], [4, 0.25] as [Float])

@Suite struct NormalizationOpsTests {
    // MARK: - BatchNormalization

    @Test func batchNormalizationNormalisesEachChannel() throws {
        let y = try run("BatchNormalization", opset: 15, [images, scale, bias, mean, variance], ["epsilon": .float(1e-3)])[0]
        #expect(y.shape == images.shape)
        #expect(close(y, [
            -0.6499062776565552, 0.10000002384185791, 0.849906325340271, 2.3497190475463867, 2.196012020111084,
            1.1980060338974, -2.794018268585205, -6.786042213439941, -1.0248594284057617, -1.0248594284057617,
            0.10000002384185791, -2.899625301361084, -1.796012043952942, -1.796012043952942, -1.796012043952942,
            -5.788036346435547,
        ]))
    }

    @Test func batchNormalizationFoldsConstantParametersWhenBuilt() throws {
        let y = try runWithConstants(
            "BatchNormalization", opset: 15, [images, scale, bias, mean, variance], constant: [1, 2, 3, 4],
            ["epsilon": .float(1e-3)])[0]
        #expect(close(y, [
            -0.6499062776565552, 0.10000002384185791, 0.849906325340271, 2.3497190475463867, 2.196012020111084,
            1.1980060338974, -2.794018268585205, -6.786042213439941, -1.0248594284057617, -1.0248594284057617,
            0.10000002384185791, -2.899625301361084, -1.796012043952942, -1.796012043952942, -1.796012043952942,
            -5.788036346435547,
        ]))
        let three = Tensor(unchecked: [3], [1, 1, 1] as [Float])
        #expect(throws: OpError.self) {
            try runWithConstants("BatchNormalization", opset: 15, [images, three, bias, mean, variance], constant: [1, 2, 3, 4])
        }
    }

    @Test func batchNormalizationAcceptsMatricesAndOtherParameterTypes() throws {
        let expected = [-0.6499990820884705, -0.7999799251556396, 0.849999189376831, -2.7999398708343506, 2.3499972820281982, 7.199859619140625]
        let y = try run("BatchNormalization", opset: 9, [matrix, scale, bias, mean, variance])[0]
        #expect(close(y, expected))
        let mixed = try run("BatchNormalization", opset: 15, [
            try matrix.cast(to: .float64), scale, bias, try mean.cast(to: .float64), try variance.cast(to: .float16),
        ])[0]
        #expect(mixed.dtype == .float64)
        #expect(close(mixed, expected))
        let half = try run("BatchNormalization", opset: 15, [try matrix.cast(to: .float16), scale, bias, mean, variance])[0]
        #expect(half.dtype == .float16)
        #expect(close(half, expected, tolerance: 2e-3))
    }

    @Test func batchNormalizationWithSpatialZeroHasOneParameterPerActivation() throws {
        // Parameters of shape C x H x W = 2 x 1 x 2; with mean 0, var 1 - epsilon and bias 0
        // each activation is multiplied by its own scale (hand-computed).
        let x = Tensor(unchecked: [2, 2, 1, 2], (1...8).map { Float($0) })
        let scales = Tensor(unchecked: [2, 1, 2], [1, 2, 3, 4] as [Float])
        let zeros = Tensor.zeros(.float32, shape: [2, 1, 2])
        let ones = Tensor(unchecked: [2, 1, 2], [Float](repeating: 1 - 1e-5, count: 4))
        let y = try run("BatchNormalization", opset: 7, [x, scales, zeros, zeros, ones], ["spatial": .int(0)])[0]
        #expect(close(y, [1, 4, 9, 16, 5, 12, 21, 32]))
    }

    @Test func batchNormalizationRejectsTrainingModeAndBadParameters() {
        #expect(throws: OpError.self) {
            try run("BatchNormalization", opset: 14, [images, scale, bias, mean, variance], ["training_mode": .int(1)])
        }
        do {
            _ = try run("BatchNormalization", opset: 15, [images, scale, bias, mean, variance], ["training_mode": .int(1)])
        } catch let error as OpError {
            #expect(error.message.contains("training mode"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        let three = Tensor(unchecked: [3], [1, 1, 1] as [Float])
        #expect(throws: OpError.self) { try run("BatchNormalization", opset: 15, [images, three, three, three, three]) }
        #expect(throws: OpError.self) { try run("BatchNormalization", opset: 15, [images, scale, three, mean, variance]) }
        #expect(throws: OpError.self) { try run("BatchNormalization", opset: 15, [scale, scale, bias, mean, variance]) }
        #expect(throws: OpError.self) {
            try run("BatchNormalization", opset: 15, [Tensor(unchecked: [1, 2], [1, 2] as [Int32]), scale, bias, mean, variance])
        }
    }

    // MARK: - LayerNormalization

    private let rows = Tensor(unchecked: [2, 2, 3], [1, 2, 4, 3, 3, 9, 0, -1, 1, 10, 20, 40] as [Float])

    @Test func layerNormalizationReturnsYMeanAndInvStdDev() throws {
        let gamma = Tensor(unchecked: [3], [1, 2, 3] as [Float])
        let beta = Tensor(unchecked: [3], [0.5, 0, 1] as [Float])
        let outputs = try run("LayerNormalization", opset: 17, [rows, gamma, beta], outputs: 3)
        #expect(outputs.count == 3)
        #expect(close(outputs[0], [
            -0.56904137134552, -0.5345205664634705, 5.008905410766602, -0.207106351852417, -1.414212703704834,
            5.242638111114502, 0.5, -2.4494712352752686, 4.674206733703613, -0.5690449476242065, -0.5345225930213928,
            5.008918285369873,
        ]))
        #expect(outputs[1].shape == [2, 2, 1])
        #expect(close(outputs[1], [2.3333332538604736, 5.0, 0.0, 23.33333396911621]))
        #expect(close(outputs[2], [0.8017810583114624, 0.3535531759262085, 1.2247356176376343, 0.08017837256193161]))
    }

    @Test func layerNormalizationOverSeveralAxesWithoutBias() throws {
        let gamma = Tensor(unchecked: [2, 3], [1, 2, 3, 0.5, 1, -1] as [Float])
        let outputs = try run("LayerNormalization", opset: 17, [rows, gamma], ["axis": .int(1), "epsilon": .float(0.01)], outputs: 3)
        #expect(close(outputs[0], [
            -1.0407178401947021, -1.3008973598480225, 0.39026910066604614, -0.13008974492549896, -0.2601794898509979,
            -2.081435441970825, -0.7970845699310303, -1.7308121919631958, -2.186289072036743, -0.056934621185064316,
            0.5693460702896118, -1.935776710510254,
        ]))
        #expect(outputs[1].shape == [2, 1, 1])
        #expect(close(outputs[1], [3.6666667461395264, 11.666666984558105]))
        #expect(close(outputs[2], [0.3902691602706909, 0.06832153350114822]))
    }

    @Test func layerNormalizationKeepsStatisticsInFloatForDoubleAndHalfInputs() throws {
        let gamma = Tensor(unchecked: [3], [1, 2, 3] as [Double])
        let outputs = try run("LayerNormalization", opset: 17, [try rows.cast(to: .float64), gamma], outputs: 3)
        #expect(outputs[0].dtype == .float64)
        #expect(outputs[1].dtype == .float32)
        #expect(close(outputs[1], [2.3333332538604736, 5.0, 0.0, 23.33333396911621]))
        let half = try run("LayerNormalization", opset: 17, [try rows.cast(to: .float16), try gamma.cast(to: .float16)])
        #expect(half.count == 1)
        #expect(half[0].dtype == .float16)
        #expect(close(half[0], [-1.0690, -0.5345, 4.0089, -0.7071, -1.4142, 4.2426, 0, -2.4495, 3.6742, -1.0690, -0.5345, 4.0089], tolerance: 3e-3))
    }

    @Test func layerNormalizationRejectsBadAxisAndScale() {
        let gamma = Tensor(unchecked: [3], [1, 2, 3] as [Float])
        #expect(throws: OpError.self) { try run("LayerNormalization", opset: 17, [rows, gamma], ["axis": .int(3)]) }
        #expect(throws: OpError.self) { try run("LayerNormalization", opset: 17, [rows, Tensor(unchecked: [2], [1, 2] as [Float])]) }
        #expect(throws: OpError.self) { try run("LayerNormalization", opset: 17, [rows]) }
        #expect(throws: OpError.self) { try run("LayerNormalization", opset: 17, [rows, gamma], ["stash_type": .int(16)]) }
    }

    // MARK: - InstanceNormalization, LpNormalization, MeanVarianceNormalization

    @Test func instanceNormalizationNormalisesEachImageAndChannel() throws {
        let y = try run("InstanceNormalization", opset: 6, [images, scale, bias], ["epsilon": .float(1e-3)])[0]
        #expect(close(y, [
            -1.6744186878204346, -0.6604652404785156, 0.3534882068634033, 2.381394863128662, 0.7263761162757874,
            0.58600914478302, 0.02454131841659546, -0.5369265079498291, 0.3610531985759735, 0.3610531985759735,
            1.9273724555969238, -2.249478816986084, 0.4886270761489868, 0.4886270761489868, 0.4886270761489868,
            -0.6658810377120972,
        ], tolerance: 1e-4))
        #expect(throws: OpError.self) { try run("InstanceNormalization", opset: 6, [images, matrix, bias]) }
    }

    @Test func lpNormalizationDividesByTheNormAndLeavesZerosAlone() throws {
        let l1 = try run("LpNormalization", opset: 1, [matrix], ["p": .int(1), "axis": .int(0)])[0]
        #expect(close(l1, [0.1111111119389534, 0.1666666716337204, 0.3333333432674408, 0.3333333432674408, 0.5555555820465088, -0.5]))
        let l2 = try run("LpNormalization", opset: 22, [matrix])[0]
        #expect(close(l2, [0.4472135901451111, 0.8944271802902222, 0.6000000238418579, 0.800000011920929, 0.6401844024658203, -0.7682212591171265]))
        let zeros = try run("LpNormalization", opset: 1, [Tensor.zeros(.float64, shape: [2, 2])])[0]
        #expect(zeros == Tensor.zeros(.float64, shape: [2, 2]))
        #expect(throws: OpError.self) { try run("LpNormalization", opset: 1, [matrix], ["p": .int(3)]) }
    }

    @Test func emptyInputsWithHugeDimensionsThrowInsteadOfOverflowing() {
        let huge = Tensor.zeros(.float32, shape: [0, 1 << 40, 1 << 40])
        #expect(throws: OpError.self) { try run("LayerNormalization", opset: 17, [huge, Tensor(scalar: Float(1))]) }
        #expect(throws: OpError.self) { try run("LpNormalization", opset: 1, [huge]) }
    }

    @Test func meanVarianceNormalizationUsesDefaultAndGivenAxes() throws {
        let y = try run("MeanVarianceNormalization", opset: 13, [images])[0]
        #expect(close(y, [
            -0.26037782430648804, 0.26037782430648804, 0.7811334729194641, 1.822644829750061, -1.524623990058899,
            -1.1761385202407837, 0.21780341863632202, 1.6117453575134277, -0.5207556486129761, -0.5207556486129761,
            0.26037782430648804, -1.822644829750061, -0.1306820511817932, -0.1306820511817932, -0.1306820511817932,
            1.2632598876953125,
        ]))
        let rowsNormalised = try run("MeanVarianceNormalization", opset: 9, [matrix], ["axes": .ints([1])])[0]
        #expect(close(rowsNormalised, [-1, 1, -1, 1, 1, -1]))
        // The ONNX function adds 1e-9 to the deviation, so a constant input gives zeros.
        let constant = try run("MeanVarianceNormalization", opset: 13, [Tensor(unchecked: [1, 1, 2, 2], [3, 3, 3, 3] as [Float])])[0]
        #expect(close(constant, [0, 0, 0, 0]))
        #expect(throws: OpError.self) { try run("MeanVarianceNormalization", opset: 13, [matrix]) }
    }
}
