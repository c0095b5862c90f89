import Foundation
import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileEngine

/// A direct N x C x H x W convolution in Double: the reference the GEMM-based kernels must match.
private func referenceConv(
    _ x: [Float], _ xShape: [Int], _ w: [Float], _ wShape: [Int], _ bias: [Float]?,
    strides: [Int], dilations: [Int], pads: [Int], group: Int
) -> (values: [Float], shape: [Int]) {
    let (n, c, h, wd) = (xShape[0], xShape[1], xShape[2], xShape[3])
    let (m, cg, kh, kw) = (wShape[0], wShape[1], wShape[2], wShape[3])
    let mg = m / group
    let oh = (h + pads[0] + pads[2] - ((kh - 1) * dilations[0] + 1)) / strides[0] + 1
    let ow = (wd + pads[1] + pads[3] - ((kw - 1) * dilations[1] + 1)) / strides[1] + 1
    var out = [Float](repeating: 0, count: n * m * oh * ow)
    for b in 0..<n {
        for f in 0..<m {
            let g = f / mg
            for oy in 0..<oh {
                for ox in 0..<ow {
                    var sum = Double(bias?[f] ?? 0)
                    for ci in 0..<cg {
                        for ky in 0..<kh {
                            for kx in 0..<kw {
                                let iy = oy * strides[0] - pads[0] + ky * dilations[0]
                                let ix = ox * strides[1] - pads[1] + kx * dilations[1]
                                guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                                let xv = x[((b * c + g * cg + ci) * h + iy) * wd + ix]
                                let wv = w[((f * cg + ci) * kh + ky) * kw + kx]
                                sum += Double(xv) * Double(wv)
                            }
                        }
                    }
                    out[((b * m + f) * oh + oy) * ow + ox] = Float(sum)
                }
            }
        }
    }
    return (out, [n, m, oh, ow])
}

/// A direct max pool in row-major order of windows: the first element inside the input, then
/// every later greater one.
private func referenceMaxPool(
    _ x: [Float], _ shape: [Int], kernel: [Int], strides: [Int], pads: [Int], dilations: [Int]
) -> (values: [Float], indices: [Int64], shape: [Int]) {
    let (planes, h, w) = (shape[0] * shape[1], shape[2], shape[3])
    let oh = (h + pads[0] + pads[2] - ((kernel[0] - 1) * dilations[0] + 1)) / strides[0] + 1
    let ow = (w + pads[1] + pads[3] - ((kernel[1] - 1) * dilations[1] + 1)) / strides[1] + 1
    var values: [Float] = [], indices: [Int64] = []
    for p in 0..<planes {
        for oy in 0..<oh {
            for ox in 0..<ow {
                var best = -Float.greatestFiniteMagnitude, at = -1
                for ky in 0..<kernel[0] {
                    for kx in 0..<kernel[1] {
                        let iy = oy * strides[0] - pads[0] + ky * dilations[0]
                        let ix = ox * strides[1] - pads[1] + kx * dilations[1]
                        guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                        let v = x[(p * h + iy) * w + ix]
                        if at < 0 || v > best { best = v; at = iy * w + ix }
                    }
                }
                values.append(best)
                indices.append(Int64(p * h * w + max(at, 0)))
            }
        }
    }
    return (values, indices, [shape[0], shape[1], oh, ow])
}

private func randomFloats(_ count: Int, _ rng: inout SeededGenerator) -> [Float] {
    (0..<count).map { _ in rng.unit() * 2 - 1 }
}

/// Seeded random shapes through every convolution strategy (im2col in blocks, shifted products,
/// 1x1 in place) and the 2-D max pool, against direct reference loops.
@Suite struct ConvolutionRandomTests {
    struct ConvCase: CustomStringConvertible, Sendable {
        var input: [Int]
        var filters: Int
        var kernel: [Int]
        var strides = [1, 1]
        var dilations = [1, 1]
        var pads = [0, 0, 0, 0]
        var group = 1
        var bias = true
        var description: String { "x \(input) M \(filters) k \(kernel) s \(strides) d \(dilations) p \(pads) g \(group)" }
    }

    static let convCases: [ConvCase] = [
        // Shifted products: 16+ channels per group, unit strides, with pads, dilation, groups.
        ConvCase(input: [2, 16, 9, 11], filters: 8, kernel: [3, 3], pads: [1, 1, 1, 1]),
        ConvCase(input: [1, 20, 7, 6], filters: 5, kernel: [3, 2], dilations: [2, 1], pads: [0, 2, 1, 0], bias: false),
        ConvCase(input: [1, 32, 6, 5], filters: 6, kernel: [2, 2], pads: [1, 0, 0, 1], group: 2),
        // Many rows: shifted products in several row blocks (M * K * N over the small bound).
        ConvCase(input: [1, 64, 40, 40], filters: 64, kernel: [3, 3], pads: [1, 1, 1, 1]),
        // im2col in blocks of rows (few channels, large image), strided and padded.
        ConvCase(input: [2, 3, 70, 64], filters: 16, kernel: [3, 3], pads: [1, 1, 1, 1]),
        ConvCase(input: [1, 8, 41, 37], filters: 32, kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1]),
        ConvCase(input: [1, 4, 23, 19], filters: 7, kernel: [5, 3], strides: [1, 2], dilations: [1, 2], pads: [2, 0, 1, 3]),
        ConvCase(input: [1, 4, 12, 12], filters: 6, kernel: [3, 3], bias: false),
        // 1x1 in blocks straight from the input.
        ConvCase(input: [2, 24, 50, 50], filters: 48, kernel: [1, 1]),
    ]

    @Test(arguments: convCases)
    func convMatchesTheDirectLoops(_ c: ConvCase) throws {
        var rng = SeededGenerator(seed: UInt64(c.input.reduce(c.filters, *)))
        let wShape = [c.filters, c.input[1] / c.group] + c.kernel
        let x = randomFloats(c.input.reduce(1, *), &rng)
        let w = randomFloats(wShape.reduce(1, *), &rng)
        let b = c.bias ? randomFloats(c.filters, &rng) : nil
        let expected = referenceConv(x, c.input, w, wShape, b, strides: c.strides, dilations: c.dilations,
                                     pads: c.pads, group: c.group)
        let y = try OpHarness.output(
            "Conv", opset: 17,
            [Tensor(unchecked: c.input, x), Tensor(unchecked: wShape, w), b.map { Tensor(unchecked: [c.filters], $0) }],
            ["strides": .ints(c.strides), "dilations": .ints(c.dilations), "pads": .ints(c.pads), "group": .int(c.group)])
        #expect(y.shape == expected.shape)
        #expect(close(y.elements(Float.self), expected.values, tolerance: 1e-4))
    }

    @Test func float64ConvAgreesWithTheDirectLoops() throws {
        var rng = SeededGenerator(seed: 7)
        let xShape = [1, 16, 8, 8], wShape = [4, 16, 3, 3]
        let x = randomFloats(xShape.reduce(1, *), &rng), w = randomFloats(wShape.reduce(1, *), &rng)
        let expected = referenceConv(x, xShape, w, wShape, nil, strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1], group: 1)
        let y = try OpHarness.output(
            "Conv", opset: 17,
            [try Tensor(shape: xShape, elements: x.map { Double($0) }), try Tensor(shape: wShape, elements: w.map { Double($0) })],
            ["pads": .ints([1, 1, 1, 1])])
        #expect(close(y.elements(Double.self)?.map { Float($0) }, expected.values, tolerance: 1e-4))
    }

    @Test func fusedActivationsMatchTheUnfusedGraph() throws {
        // Given Conv -> Relu and Conv -> Clip on an input that takes both convolution strategies
        for (channels, activation) in [(16, "Relu"), (3, "Relu"), (16, "Clip"), (24, "LeakyRelu")] {
            var rng = SeededGenerator(seed: UInt64(channels))
            var builder = ModelBuilder()
            builder.input("x", .float32, [nil, channels, 10, 12])
            builder.initializer("w", Tensor(unchecked: [8, channels, 3, 3], randomFloats(8 * channels * 9, &rng)))
            builder.initializer("b", Tensor(unchecked: [8], randomFloats(8, &rng)))
            builder.node("Conv", inputs: ["x", "w", "b"], outputs: ["c"], intLists: ["pads": [1, 1, 1, 1]])
            if activation == "Clip" {
                builder.initializer("lo", Tensor(unchecked: [], [Float(-0.25)]))
                builder.initializer("hi", Tensor(unchecked: [], [Float(0.5)]))
                builder.node("Clip", inputs: ["c", "lo", "hi"], outputs: ["y"])
            } else {
                builder.node(activation, inputs: ["c"], outputs: ["y"])
            }
            builder.output("y", .float32, [nil, 8, 10, 12])
            let data = try builder.serialized()
            let x = Tensor(unchecked: [2, channels, 10, 12], randomFloats(2 * channels * 120, &rng))
            // When it runs optimised (activation fused) and as written
            let fused = try InferenceSession(serialized: data).run(["x": x])["y"]?.tensor
            let plain = try InferenceSession(serialized: data, options: SessionOptions(optimize: false)).run(["x": x])["y"]?.tensor
            // Then both agree
            #expect(fused?.shape == [2, 8, 10, 12])
            #expect(close(fused?.elements(Float.self), plain?.elements(Float.self) ?? [], tolerance: 1e-5), "\(activation), \(channels) channels")
        }
    }

    struct PoolCase: CustomStringConvertible, Sendable {
        var input: [Int]
        var kernel: [Int]
        var strides: [Int]
        var pads = [0, 0, 0, 0]
        var dilations = [1, 1]
        var description: String { "x \(input) k \(kernel) s \(strides) p \(pads) d \(dilations)" }
    }

    static let poolCases: [PoolCase] = [
        PoolCase(input: [2, 3, 8, 8], kernel: [2, 2], strides: [2, 2]),
        PoolCase(input: [1, 2, 9, 11], kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1]),
        PoolCase(input: [1, 2, 10, 7], kernel: [3, 2], strides: [1, 1], pads: [0, 1, 2, 0], dilations: [2, 1]),
        PoolCase(input: [1, 1, 5, 13], kernel: [2, 5], strides: [3, 1], pads: [1, 2, 0, 2]),
    ]

    @Test(arguments: poolCases)
    func maxPoolMatchesTheDirectLoops(_ c: PoolCase) throws {
        var rng = SeededGenerator(seed: UInt64(c.input.reduce(1, *)))
        // Rounded values, so ties between window elements occur.
        let x = (0..<c.input.reduce(1, *)).map { _ in Float(rng.int(9)) - 4 }
        let expected = referenceMaxPool(x, c.input, kernel: c.kernel, strides: c.strides, pads: c.pads, dilations: c.dilations)
        let attributes: [String: Attribute] = [
            "kernel_shape": .ints(c.kernel), "strides": .ints(c.strides), "pads": .ints(c.pads), "dilations": .ints(c.dilations),
        ]
        let both = try OpHarness.outputs("MaxPool", opset: 12, [Tensor(unchecked: c.input, x)], attributes, outputs: 2)
        #expect(both.first?.shape == expected.shape)
        #expect(both.first?.elements(Float.self) == expected.values)
        #expect(both.last?.elements(Int64.self) == expected.indices)
        // Without an indices output, the values alone (the path that skips indices)
        var builder = ModelBuilder(opsets: ["": 12])
        builder.input("x", .float32, c.input.map { Optional($0) })
        var intLists = ["kernel_shape": c.kernel, "strides": c.strides, "pads": c.pads]
        intLists["dilations"] = c.dilations
        builder.node("MaxPool", inputs: ["x"], outputs: ["y"], intLists: intLists)
        builder.output("y", .float32, expected.shape.map { Optional($0) })
        let y = try InferenceSession(serialized: try builder.serialized()).run(["x": Tensor(unchecked: c.input, x)])["y"]?.tensor
        #expect(y?.elements(Float.self) == expected.values)
    }
}
