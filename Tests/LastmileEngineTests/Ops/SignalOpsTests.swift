import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileEngine

/// Expected values come from numpy (`np.fft.fft`, `np.hanning`), copied here.
@Suite struct SignalOpsTests {
    @Test func dftOfARealSignalMatchesNumpy() throws {
        let x = Tensor(unchecked: [1, 4, 1], [Float](arrayLiteral: 1, 2, 0, -1))
        let y = try OpHarness.output("DFT", opset: 17, [x])
        let expected: [Float] = [2, 0, 1, -3, 0, 0, 1, 3]
        let actual = try #require(y.elements(Float.self))
        #expect(y.shape == [1, 4, 2])
        #expect(zip(actual, expected).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func symmetricHannWindowMatchesNumpy() throws {
        let y = try OpHarness.output("HannWindow", opset: 17, [Tensor(scalar: Int64(5))], ["periodic": .int(0)])
        let actual = try #require(y.elements(Float.self))
        #expect(zip(actual, [0, 0.5, 1, 0.5, 0]).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func causalAttentionOfOneKeyCopiesItsValue() throws {
        // With is_causal, the first query sees only the first key, so it gets the first value.
        let q = Tensor(unchecked: [1, 1, 2, 2], [Float](arrayLiteral: 1, 0, 0, 1))
        let k = Tensor(unchecked: [1, 1, 2, 2], [Float](arrayLiteral: 1, 0, 0, 1))
        let v = Tensor(unchecked: [1, 1, 2, 1], [Float](arrayLiteral: 3, 7))
        let y = try OpHarness.output("Attention", opset: 23, [q, k, v], ["is_causal": .int(1)])
        let first = try #require(y.elements(Float.self)?.first)
        #expect(abs(first - 3) < 1e-6)
    }
}
