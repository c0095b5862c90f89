import LastmileTensor

/// Upsample (opsets 7, 9; deprecated from 10): Resize with asymmetric coordinates; `scales`
/// is an attribute in opset 7 and an input from 9. Nearest truncates the source coordinate.
struct UpsampleKernel: Kernel {
    let sampling: ResizeSampling
    let attributeScales: [Float]?

    init(_ ctx: NodeContext) throws {
        let raw = try ctx.string("mode", default: "nearest")
        let mode: ResizeSampling.Mode
        switch raw {
        case "nearest": mode = .nearest
        case "linear", "bilinear": mode = .linear
        default: throw OpError("mode \"\(raw)\" is not one of nearest, linear")
        }
        sampling = ResizeSampling(mode: mode, coordinateMode: .asymmetric, nearestMode: .simple)
        attributeScales = ctx.opset < 9 ? try ctx.optionalFloats("scales") : nil
        if ctx.opset < 9, attributeScales == nil { throw OpError("required attribute \"scales\" is missing") }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let scales = try attributeScales.map { $0.map(Double.init) } ?? ResizeKernel.floats(try inputs.tensor(1), "scales")
        guard scales.count == x.rank else {
            throw OpError("scales has \(scales.count) values, expected one per axis of \(x.shape)")
        }
        guard scales.allSatisfy({ $0 >= 1 }) else { throw OpError("Upsample scales \(scales) must be at least 1") }
        let plans = try x.shape.indices.map { a in
            try sampling.axisPlan(
                inputLength: x.shape[a], outputLength: Int((scales[a] * Double(x.shape[a])).rounded(.down)),
                scale: scales[a], roiStart: 0, roiEnd: 1)
        }
        return [.tensor(try ResizeRunner.run(x, plans: plans, extrapolation: 0))]
    }
}
