import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileEngine

// Expected values are numpy results or come from the reference loops at the end of this file.

private func run(
    _ op: String, opset: Int = 17, _ inputs: [Tensor?], _ attributes: [String: Attribute] = [:]
) throws -> Tensor {
    try OpHarness.output(op, opset: opset, inputs, attributes)
}

private func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-4) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in abs(x - y) <= tolerance * max(1, abs(y)) }
}

@Suite struct LinearAlgebraOpsTests {
    // MARK: - MatMul

    @Test func matMulBroadcastsABatchOfRowsAgainstOneMatrix() throws {
        let a = Tensor(unchecked: [2, 2, 3], (0..<12).map { Float($0) })
        let b = Tensor(unchecked: [3, 2], [1, 0, 2, -1, 0.5, 3] as [Float])
        let y = try run("MatMul", opset: 13, [a, b])
        #expect(y == Tensor(unchecked: [2, 2, 2], [3, 5, 13.5, 11, 24, 17, 34.5, 23] as [Float]))
    }

    @Test func matMulPromotesVectorsLikeNumpy() throws {
        let b = Tensor(unchecked: [3, 2], [1, 0, 2, -1, 0.5, 3] as [Float])
        let v = Tensor(unchecked: [3], [1, 2, 3] as [Float])
        #expect(try run("MatMul", opset: 9, [v, b]) == Tensor(unchecked: [2], [6.5, 7] as [Float]))
        let a = Tensor(unchecked: [2, 2, 3], (0..<12).map { Float($0) })
        #expect(try run("MatMul", opset: 1, [a, v]) == Tensor(unchecked: [2, 2], [8, 26, 44, 62] as [Float]))
    }

    @Test func matMulSupportsIntegerAndDoubleTensors() throws {
        let m = Tensor(unchecked: [2, 3], (0..<6).map { Int64($0) })
        let mT = Tensor(unchecked: [3, 2], [0, 3, 1, 4, 2, 5] as [Int64])
        #expect(try run("MatMul", opset: 13, [m, mT]) == Tensor(unchecked: [2, 2], [5, 14, 14, 50] as [Int64]))
        let d = Tensor(unchecked: [1, 2], [0.1, 0.2] as [Double])
        let e = Tensor(unchecked: [2, 1], [3, 4] as [Double])
        let y = try run("MatMul", opset: 13, [d, e])
        #expect(close(y.elements(Double.self) ?? [], [1.1], tolerance: 1e-15))
    }

    @Test func matMulRejectsMismatchedShapesAndTypes() {
        let a = Tensor(unchecked: [2, 3], [Float](repeating: 1, count: 6))
        #expect(throws: OpError.self) { try run("MatMul", opset: 13, [a, a]) }
        #expect(throws: OpError.self) { try run("MatMul", opset: 13, [a, Tensor(unchecked: [3, 1], [1, 2, 3] as [Double])]) }
        #expect(throws: OpError.self) { try run("MatMul", opset: 13, [Tensor(scalar: Float(1)), a]) }
        #expect(throws: OpError.self) { try run("MatMul", opset: 13, [Tensor(unchecked: [1, 1], [true]), Tensor(unchecked: [1, 1], [true])]) }
    }

    // MARK: - Gemm

    @Test func gemmMatchesAReferenceForEveryTransposeAndBiasShape() throws {
        var rng = SeededGenerator(seed: 11)
        let (m, n, k) = (5, 4, 3)
        let biasShapes: [[Int]?] = [nil, [], [1], [n], [1, n], [m, 1], [m, n]]
        for transA in [false, true] {
            for transB in [false, true] {
                for biasShape in biasShapes {
                    let a = (0..<(m * k)).map { _ in Double.random(in: -1...1, using: &rng) }
                    let b = (0..<(k * n)).map { _ in Double.random(in: -1...1, using: &rng) }
                    let c = biasShape.map { shape in (0..<Shape.count(shape)).map { _ in Double.random(in: -1...1, using: &rng) } }
                    let (alpha, beta) = (Float(0.75), Float(-1.5))
                    let expected = referenceGemm(
                        a, b, c, biasShape ?? [], m: m, n: n, k: k, transA: transA, transB: transB,
                        alpha: Double(alpha), beta: Double(beta))
                    let inputs: [Tensor?] = [
                        Tensor(unchecked: transA ? [k, m] : [m, k], a.map { Float($0) }),
                        Tensor(unchecked: transB ? [n, k] : [k, n], b.map { Float($0) }),
                        c.map { Tensor(unchecked: biasShape ?? [], $0.map { Float($0) }) },
                    ]
                    let attributes: [String: Attribute] = [
                        "transA": .int(transA ? 1 : 0), "transB": .int(transB ? 1 : 0),
                        "alpha": .float(alpha), "beta": .float(beta),
                    ]
                    let y = try run("Gemm", opset: 13, inputs, attributes)
                    #expect(y.shape == [m, n])
                    #expect(close(y.doubles ?? [], expected), "transA \(transA) transB \(transB) C \(String(describing: biasShape))")
                    let y64 = try run("Gemm", opset: 11, inputs.map { try $0?.cast(to: .float64) }, attributes)
                    #expect(close(y64.doubles ?? [], expected, tolerance: 1e-6))
                }
            }
        }
    }

    @Test func gemmComputesFloat16InFloatAndIntegersExactly() throws {
        let a = Tensor(unchecked: [2, 2], [1, 2, 3, 4] as [Float16])
        let b = Tensor(unchecked: [2, 2], [0.5, 1, -1, 2] as [Float16])
        let c = Tensor(unchecked: [2], [10, 20] as [Float16])
        #expect(try run("Gemm", opset: 13, [a, b, c]) == Tensor(unchecked: [2, 2], [8.5, 25, 7.5, 31] as [Float16]))
        let ai = Tensor(unchecked: [2, 3], [1, 2, 3, 4, 5, 6] as [Int32])
        let bi = Tensor(unchecked: [2, 3], [1, 0, -1, 2, 1, 0] as [Int32])
        let ci = Tensor(unchecked: [2, 1], [100, 200] as [Int32])
        let y = try run("Gemm", opset: 13, [ai, bi, ci], ["transB": .int(1), "alpha": .float(2), "beta": .float(3)])
        #expect(y == Tensor(unchecked: [2, 2], [296, 308, 596, 626] as [Int32]))
    }

    @Test func gemmBeforeOpset7BroadcastsCOnlyWhenAsked() throws {
        let a = Tensor(unchecked: [1, 2], [1, 2] as [Float])
        let b = Tensor(unchecked: [2, 2], [1, 0, 0, 1] as [Float])
        let row = Tensor(unchecked: [2], [10, 20] as [Float])
        #expect(throws: OpError.self) { try run("Gemm", opset: 6, [a, b, Tensor(scalar: Float(1))]) }
        #expect(try run("Gemm", opset: 6, [a, b, Tensor(scalar: Float(1))], ["broadcast": .int(1)])
            == Tensor(unchecked: [1, 2], [2, 3] as [Float]))
        #expect(try run("Gemm", opset: 1, [a, b, row]) == Tensor(unchecked: [1, 2], [11, 22] as [Float]))
        #expect(try run("Gemm", opset: 7, [a, b, Tensor(scalar: Float(1))]) == Tensor(unchecked: [1, 2], [2, 3] as [Float]))
    }

    @Test func gemmHandlesEmptyInnerDimensionAndZeroBeta() throws {
        let a = Tensor.zeros(.float32, shape: [2, 0])
        let b = Tensor.zeros(.float32, shape: [0, 3])
        let c = Tensor(unchecked: [3], [1, 2, 3] as [Float])
        let y = try run("Gemm", opset: 13, [a, b, c], ["beta": .float(2)])
        #expect(y == Tensor(unchecked: [2, 3], [2, 4, 6, 2, 4, 6] as [Float]))
        let nanBias = Tensor(unchecked: [1], [Float.nan])
        let ones = Tensor(unchecked: [1, 1], [1] as [Float])
        #expect(try run("Gemm", opset: 13, [ones, ones, nanBias], ["beta": .float(0)]) == ones)
    }

    @Test func gemmRejectsBadShapesAndTypes() {
        let a = Tensor(unchecked: [2, 3], [Float](repeating: 1, count: 6))
        let b = Tensor(unchecked: [3, 2], [Float](repeating: 1, count: 6))
        #expect(throws: OpError.self) { try run("Gemm", opset: 13, [a, a]) }
        #expect(throws: OpError.self) { try run("Gemm", opset: 13, [a, b], ["transA": .int(1)]) }
        #expect(throws: OpError.self) { try run("Gemm", opset: 13, [a, b, Tensor(unchecked: [3], [1, 2, 3] as [Float])]) }
        #expect(throws: OpError.self) { try run("Gemm", opset: 13, [a, b, Tensor(unchecked: [1, 1, 2], [1, 2] as [Float])]) }
        #expect(throws: OpError.self) { try run("Gemm", opset: 13, [a, b, Tensor(unchecked: [2], [1, 2] as [Double])]) }
        #expect(throws: OpError.self) { try run("Gemm", opset: 13, [Tensor(unchecked: [6], [Float](repeating: 1, count: 6)), b]) }
        #expect(throws: OpError.self) { try run("Gemm", opset: 13, [a]) }
    }

    @Test func emptyOperandsWithHugeProductsThrowInsteadOfOverflowing() {
        let tall = Tensor.zeros(.float32, shape: [1 << 40, 0])
        let wide = Tensor.zeros(.float32, shape: [0, 1 << 40])
        #expect(throws: OpError.self) { try run("Gemm", opset: 13, [tall, wide]) }
        #expect(throws: OpError.self) { try run("MatMul", opset: 13, [tall, wide]) }
        #expect(throws: OpError.self) { try run("Einsum", opset: 12, [tall, wide], ["equation": .string("ij,jk->ik")]) }
    }

    // MARK: - MatMulInteger

    private let quantizedA = Tensor(unchecked: [4, 3], [11, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0] as [UInt8])
    private let quantizedB = Tensor(unchecked: [3, 2], [1, 4, 2, 5, 3, 6] as [UInt8])

    @Test func matMulIntegerSubtractsScalarZeroPoints() throws {
        // onnxruntime 1.23.
        let y = try run("MatMulInteger", opset: 10, [quantizedA, quantizedB, Tensor(scalar: UInt8(12)), Tensor(scalar: UInt8(0))])
        #expect(y == Tensor(unchecked: [4, 2], [-38, -83, -44, -98, -50, -113, -56, -128] as [Int32]))
    }

    @Test func matMulIntegerSubtractsPerRowAndPerColumnZeroPoints() throws {
        let y = try run("MatMulInteger", opset: 10, [
            quantizedA, quantizedB, Tensor(unchecked: [4], [1, 2, 3, 4] as [UInt8]), Tensor(unchecked: [2], [1, 2] as [UInt8]),
        ])
        #expect(y == Tensor(unchecked: [4, 2], [10, 46, 4, 28, -2, 10, -8, -8] as [Int32]))
        let signed = try run("MatMulInteger", opset: 10, [
            Tensor(unchecked: [1, 2], [-128, 127] as [Int8]), Tensor(unchecked: [2, 1], [2, 3] as [UInt8]),
        ])
        #expect(signed == Tensor(unchecked: [1, 1], [125] as [Int32]))
    }

    @Test func matMulIntegerRejectsBadZeroPoints() {
        #expect(throws: OpError.self) {
            try run("MatMulInteger", opset: 10, [quantizedA, quantizedB, Tensor(unchecked: [3], [1, 2, 3] as [UInt8])])
        }
        #expect(throws: OpError.self) {
            try run("MatMulInteger", opset: 10, [quantizedA, quantizedB, Tensor(scalar: Int8(1))])
        }
        #expect(throws: OpError.self) {
            try run("MatMulInteger", opset: 10, [Tensor(unchecked: [1, 1], [1] as [Float]), quantizedB])
        }
    }

    // MARK: - Einsum

    @Test func einsumMatchesNumpyAcrossContractionsDiagonalsAndBroadcasts() throws {
        // (equation, shapes, operands, output shape, numpy.einsum result)
        let cases: [(String, [[Int]], [[Float]], [Int], [Float])] = [
            ("bij,bjk->bik", [[2, 2, 3], [2, 3, 2]], [[0.5, -1.0, -1.75, -2.0, 1.25, 1.75, 0.5, 1.0, 0.25, 1.75, 1.25, -2.0], [1.5, -1.75, 1.0, -1.25, 1.5, 0.25, -0.75, -0.25, -2.0, -1.5, 0.75, 0.5]], [2, 2, 2], [-2.875, -0.0625, 0.875, 2.375, -2.1875, -1.5, -5.3125, -3.3125]),
            ("ij,jk", [[2, 3], [3, 2]], [[0.5, -0.5, 2.0, 2.0, 0.75, 0.5], [0.75, -0.5, -1.5, 1.0, 0.0, -0.75]], [2, 2], [1.125, -2.25, 0.375, -0.625]),
            ("ii->i", [[3, 3]], [[-0.0, 1.5, 1.75, -0.5, 0.25, -0.75, 0.5, -0.75, -0.5]], [3], [-0.0, 0.25, -0.5]),
            ("ii", [[3, 3]], [[1.5, -1.0, 0.5, -1.75, 1.25, 1.25, -1.0, 1.5, -1.75]], [], [1.0]),
            ("ij->ji", [[2, 3]], [[-0.75, -1.5, -0.25, 1.25, -1.0, -1.75]], [3, 2], [-0.75, 1.25, -1.5, -1.0, -0.25, -1.75]),
            ("i,i->", [[4], [4]], [[-0.5, -1.25, -1.75, 0.25], [-0.75, 0.75, -1.25, 1.75]], [], [2.0625]),
            ("i,j->ij", [[2], [3]], [[1.0, 2.0], [3.0, 4.0, 5.0]], [2, 3], [3.0, 4.0, 5.0, 6.0, 8.0, 10.0]),
            ("...ij,...jk->...ik", [[2, 1, 2, 3], [3, 3, 2]], [[2.0, 1.75, -0.25, 1.0, -0.0, 0.0, 1.25, -0.25, 1.0, 0.75, 1.75, -1.5], [1.0, 1.75, 1.75, -2.0, 1.5, 2.0, 1.75, -1.5, 2.0, 1.5, 1.25, -0.0, -1.0, 1.25, 1.75, -1.0, 0.25, -0.25]], [2, 3, 2, 2], [4.6875, -0.5, 1.0, 1.75, 6.6875, -0.375, 1.75, -1.5, 1.0, 0.8125, -1.0, 1.25, 2.3125, 4.6875, 1.5625, -5.1875, 2.9375, -2.25, 2.9375, 1.5, -1.4375, 1.5625, 1.9375, -0.4375]),
            ("bhqd,bhkd->bhqk", [[1, 2, 2, 3], [1, 2, 3, 3]], [[1.75, -1.75, 1.0, 0.5, -2.0, 1.0, -2.0, 1.0, 0.0, 1.75, -1.75, 1.25], [-1.75, -0.5, -0.25, 1.75, 0.25, -1.0, -1.0, 1.5, -1.0, -1.5, -0.75, 0.25, 0.25, 1.25, 0.25, -0.75, -0.25, 1.25]], [1, 2, 2, 3], [-2.4375, 1.625, -5.375, -0.125, -0.625, -4.5, 2.25, 0.75, 1.25, -1.0, -1.4375, 0.6875]),
            ("ij->", [[2, 3]], [[0.5, 1.75, -0.5, 0.25, 0.5, 1.5]], [], [4.0]),
            ("ijk,ikl->jl", [[2, 2, 3], [2, 3, 2]], [[-1.5, -0.25, 1.75, -1.75, 1.25, -0.25, 1.25, -2.0, -0.5, -1.75, 0.5, -1.0], [0.75, 1.75, -1.5, 1.5, -1.75, -0.5, -0.25, -0.0, 2.0, 1.0, -0.75, -1.0]], [2, 2], [-7.75, -5.375, -0.5625, 0.4375]),
            ("a b , b c -> c a", [[2, 3], [3, 2]], [[1.5, 1.5, 0.0, -0.5, 2.0, -0.75], [-1.25, 1.5, 1.25, 0.75, 1.75, 1.75]], [2, 2], [0.0, 1.8125, 3.375, -0.5625]),
            ("ab,ab,ab->a", [[2, 2], [2, 2], [2, 2]], [[1.0, 1.5, -1.0, -1.5], [0.75, 0.75, -1.25, -0.5], [1.75, 0.25, 0.25, -1.25]], [2], [1.59375, -0.625]),
            ("iij->j", [[2, 2, 3]], [[0.0, 0.0, -1.75, 2.0, 0.25, -2.0, 1.0, 2.0, 0.25, -0.75, -1.25, 0.75]], [3], [-0.75, -1.25, -1.0]),
            ("ij,kj->ik", [[2, 3], [2, 3]], [[-1.25, 0.25, 0.5, 1.75, -1.75, -0.0], [1.0, -1.25, -0.5, -1.75, 1.0, -1.75]], [2, 2], [-1.8125, 1.5625, 3.9375, -4.8125]),
        ]
        for (equation, shapes, operands, shape, expected) in cases {
            let inputs = zip(shapes, operands).map { Tensor(unchecked: $0, $1) }
            let y = try run("Einsum", opset: 12, inputs, ["equation": .string(equation)])
            #expect(y.shape == shape, "\(equation)")
            #expect(y.elements(Float.self) == expected, "\(equation): \(y.elements(Float.self) ?? [])")
        }
    }

    @Test func einsumSupportsIntegersAndFloat16() throws {
        let a = Tensor(unchecked: [2, 2], [1, 2, 3, 4] as [Int64])
        let b = Tensor(unchecked: [2, 2], [5, 6, 7, 8] as [Int64])
        #expect(try run("Einsum", opset: 12, [a, b], ["equation": .string("ij,jk->ik")]) == Tensor(unchecked: [2, 2], [19, 22, 43, 50] as [Int64]))
        #expect(try run("Einsum", opset: 12, [a], ["equation": .string("ii->")]) == Tensor(scalar: Int64(5)))
        let h = Tensor(unchecked: [2, 2], [1, 2, 3, 4] as [Float16])
        #expect(try run("Einsum", opset: 12, [h, h], ["equation": .string("ij,ij->i")]) == Tensor(unchecked: [2], [5, 25] as [Float16]))
    }

    @Test func einsumRejectsMalformedEquationsAndMismatchedOperands() {
        let m = Tensor(unchecked: [2, 3], [Float](repeating: 1, count: 6))
        let bad: [(String, [Tensor])] = [
            ("ij,jk->ik", [m]),
            ("ij,jk->ik", [m, m]),
            ("ijk->i", [m]),
            ("ij->k", [m]),
            ("ij->ii", [m]),
            ("i.j->i", [m]),
            ("ij-ji", [m]),
            ("i1->i", [m]),
            ("ij->i->j", [m]),
        ]
        for (equation, inputs) in bad {
            #expect(throws: OpError.self, "\(equation)") {
                try run("Einsum", opset: 12, inputs, ["equation": .string(equation)])
            }
        }
        #expect(throws: OpError.self) { try run("Einsum", opset: 12, [m]) }
    }
}

/// alpha * op(A) * op(B) + beta * C with C of `biasShape` broadcast to [m, n].
private func referenceGemm(
    _ a: [Double], _ b: [Double], _ c: [Double]?, _ biasShape: [Int], m: Int, n: Int, k: Int,
    transA: Bool, transB: Bool, alpha: Double, beta: Double
) -> [Double] {
    var y = [Double](repeating: 0, count: m * n)
    let cRows = biasShape.count == 2 ? biasShape[0] : 1
    let cColumns = biasShape.last ?? 1
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0
            for p in 0..<k {
                sum += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j])
            }
            var bias = 0.0
            if let c { bias = c[(cRows == 1 ? 0 : i) * cColumns + (cColumns == 1 ? 0 : j)] }
            y[i * n + j] = alpha * sum + beta * bias
        }
    }
    return y
}

