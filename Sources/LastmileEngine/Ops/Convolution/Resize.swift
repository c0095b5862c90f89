import LastmileTensor

/// Resize (opsets 10, 11, 13, 18, 19): resamples a tensor by nearest, linear or cubic
/// interpolation, separably axis by axis. The output size comes from `scales` (floor of
/// input x scale) or `sizes` (with keep_aspect_ratio_policy from 18), optionally for only
/// the `axes` the attribute names (18); `roi` feeds tf_crop_and_resize.
struct ResizeKernel: Kernel {
    let sampling: ResizeSampling
    let opset: Int
    let axes: [Int]?
    let keepAspectRatioPolicy: String

    init(_ ctx: NodeContext) throws {
        opset = ctx.opset
        let rawMode = try ctx.string("mode", default: "nearest")
        guard let mode = ResizeSampling.Mode(rawValue: rawMode) else {
            throw OpError("mode \"\(rawMode)\" is not one of nearest, linear, cubic")
        }
        if opset < 11 {
            guard mode != .cubic else { throw OpError("mode \"cubic\" needs opset 11 or later") }
            sampling = ResizeSampling(mode: mode, coordinateMode: .asymmetric, nearestMode: .simple)
            axes = nil
            keepAspectRatioPolicy = "stretch"
            return
        }
        let rawCoordinates = try ctx.string("coordinate_transformation_mode", default: "half_pixel")
        guard let coordinates = ResizeSampling.CoordinateMode(rawValue: rawCoordinates) else {
            throw OpError("coordinate_transformation_mode \"\(rawCoordinates)\" is not supported")
        }
        let rawNearest = try ctx.string("nearest_mode", default: "round_prefer_floor")
        guard let nearest = ResizeSampling.NearestMode(rawValue: rawNearest), nearest != .simple else {
            throw OpError("nearest_mode \"\(rawNearest)\" is not one of round_prefer_floor, round_prefer_ceil, floor, ceil")
        }
        var sampling = ResizeSampling(mode: mode, coordinateMode: coordinates, nearestMode: nearest)
        sampling.cubicA = Double(try ctx.float("cubic_coeff_a", default: -0.75))
        sampling.excludeOutside = try ctx.int("exclude_outside", default: 0) != 0
        sampling.extrapolationValue = Double(try ctx.float("extrapolation_value", default: 0))
        sampling.antialias = try ctx.int("antialias", default: 0) != 0
        if sampling.antialias, mode == .nearest {
            throw OpError("antialias is not defined for mode \"nearest\"")
        }
        self.sampling = sampling
        axes = try ctx.optionalInts("axes")
        keepAspectRatioPolicy = try ctx.string("keep_aspect_ratio_policy", default: "stretch")
        guard ["stretch", "not_larger", "not_smaller"].contains(keepAspectRatioPolicy) else {
            throw OpError("keep_aspect_ratio_policy \"\(keepAspectRatioPolicy)\" is not one of stretch, not_larger, not_smaller")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let rank = x.rank
        let axes = try TensorOps.axes(self.axes ?? Array(0..<rank), rank: rank)
        var roi: [Double]?
        var scales: [Double]?
        var sizes: [Int]?
        if opset < 11 {
            scales = try Self.floats(try inputs.tensor(1), "scales")
        } else {
            if let r = try inputs.optionalTensor(1), r.count > 0 { roi = try Self.floats(r, "roi") }
            if let s = try inputs.optionalTensor(2), s.count > 0 { scales = try Self.floats(s, "scales") }
            if let s = try inputs.optionalTensor(3), s.count > 0 { sizes = try TensorOps.integers(s, "sizes") }
        }
        guard (scales == nil) != (sizes == nil) else {
            throw OpError("Resize needs exactly one of scales and sizes")
        }
        var scale = [Double](repeating: 1, count: rank)
        var output = x.shape
        if let scales {
            guard scales.count == axes.count else { throw OpError("scales has \(scales.count) values, expected \(axes.count)") }
            for (i, a) in axes.enumerated() {
                guard scales[i] > 0 else { throw OpError("scales \(scales) must be positive") }
                scale[a] = scales[i]
                output[a] = Int((scales[i] * Double(x.shape[a])).rounded(.down))
            }
        } else if let sizes {
            guard sizes.count == axes.count else { throw OpError("sizes has \(sizes.count) values, expected \(axes.count)") }
            guard sizes.allSatisfy({ $0 >= 0 }) else { throw OpError("sizes \(sizes) must not be negative") }
            for (i, a) in axes.enumerated() {
                scale[a] = Double(sizes[i]) / Double(x.shape[a])
                output[a] = sizes[i]
            }
            if keepAspectRatioPolicy != "stretch" {
                let chosen = axes.map { scale[$0] }
                let s = keepAspectRatioPolicy == "not_larger" ? chosen.min() ?? 1 : chosen.max() ?? 1
                for a in axes {
                    scale[a] = s
                    output[a] = Int(s * Double(x.shape[a]) + 0.5)
                }
            }
        }
        var roiStart = [Double](repeating: 0, count: rank), roiEnd = [Double](repeating: 1, count: rank)
        if let roi, sampling.coordinateMode == .tfCropAndResize {
            if roi.count == 2 * axes.count {
                for (i, a) in axes.enumerated() {
                    roiStart[a] = roi[i]
                    roiEnd[a] = roi[axes.count + i]
                }
            } else if roi.count == 2 * rank {
                roiStart = Array(roi[0..<rank])
                roiEnd = Array(roi[rank...])
            } else {
                throw OpError("roi has \(roi.count) values, expected \(2 * axes.count)")
            }
        }
        let plans = try (0..<rank).map { a in
            try sampling.axisPlan(
                inputLength: x.shape[a], outputLength: output[a], scale: scale[a],
                roiStart: roiStart[a], roiEnd: roiEnd[a])
        }
        return [.tensor(try ResizeRunner.run(x, plans: plans, extrapolation: sampling.extrapolationValue))]
    }

    static func floats(_ tensor: Tensor, _ what: String) throws -> [Double] {
        switch tensor.storage {
        case .float32(let a): return a.map { Double($0) }
        case .float64(let a): return a
        case .float16(let a): return a.map { Double($0) }
        default: throw OpError("\(what) must be a float tensor, got \(tensor.dtype)")
        }
    }
}
