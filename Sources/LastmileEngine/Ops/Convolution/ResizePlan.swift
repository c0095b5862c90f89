import LastmileTensor

/// How Resize and Upsample sample the input: the interpolation, the mapping of output to input
/// coordinates, and the options each uses.
struct ResizeSampling: Sendable {
    enum Mode: String, Sendable { case nearest, linear, cubic }
    enum CoordinateMode: String, Sendable {
        case halfPixel = "half_pixel"
        case halfPixelSymmetric = "half_pixel_symmetric"
        case pytorchHalfPixel = "pytorch_half_pixel"
        case alignCorners = "align_corners"
        case asymmetric
        case tfCropAndResize = "tf_crop_and_resize"
    }
    enum NearestMode: String, Sendable {
        case roundPreferFloor = "round_prefer_floor"
        case roundPreferCeil = "round_prefer_ceil"
        case floor, ceil
        /// Before opset 11: truncate when upsampling, round up when downsampling.
        case simple
    }

    var mode: Mode
    var coordinateMode: CoordinateMode
    var nearestMode: NearestMode
    var cubicA: Double = -0.75
    var excludeOutside = false
    var extrapolationValue: Double = 0
    var antialias = false

    /// The input coordinate that output coordinate `x` maps to on one axis.
    func sourceCoordinate(
        _ x: Int, scale: Double, inputLength: Int, outputLength: Int, roiStart: Double, roiEnd: Double
    ) -> Double {
        let xd = Double(x)
        let input = Double(inputLength)
        let width = scale * input
        switch coordinateMode {
        case .alignCorners:
            return width == 1 ? 0 : xd * (input - 1) / (width - 1)
        case .asymmetric:
            return xd / scale
        case .tfCropAndResize:
            let start = roiStart * (input - 1)
            if width == 1 { return (roiEnd - roiStart) * (input - 1) / 2 + start }
            return xd * (roiEnd - roiStart) * (input - 1) / (width - 1) + start
        case .pytorchHalfPixel:
            return width == 1 ? -0.5 : (xd + 0.5) / scale - 0.5
        case .halfPixel:
            return (xd + 0.5) / scale - 0.5
        case .halfPixelSymmetric:
            let adjustment = Double(outputLength) / width
            let offset = input / 2 * (1 - adjustment)
            return offset + (xd + 0.5) / scale - 0.5
        }
    }

    /// The taps of one axis: for every output coordinate, `taps` input indices and weights.
    func axisPlan(
        inputLength: Int, outputLength: Int, scale: Double, roiStart: Double, roiEnd: Double
    ) throws -> ResizeAxisPlan {
        guard inputLength > 0 || outputLength == 0 else {
            throw OpError("cannot resize an empty axis to \(outputLength) elements")
        }
        var indices: [Int] = [], weights: [Double] = [], outside: [Bool] = []
        var taps = 0
        for x in 0..<outputLength {
            let source = sourceCoordinate(
                x, scale: scale, inputLength: inputLength, outputLength: outputLength,
                roiStart: roiStart, roiEnd: roiEnd)
            let extrapolate = coordinateMode == .tfCropAndResize
                && (source < 0 || source > Double(inputLength - 1))
            outside.append(extrapolate)
            let (tapIndices, tapWeights) = self.taps(source, scale: scale, inputLength: inputLength)
            if taps == 0 { taps = tapIndices.count }
            guard tapIndices.count == taps else { throw OpError("Resize produced an uneven number of taps") }
            indices += tapIndices
            weights += tapWeights
        }
        return ResizeAxisPlan(
            inputLength: inputLength, outputLength: outputLength, taps: taps, indices: indices,
            weights: weights, extrapolate: outside)
    }

    private func taps(_ x: Double, scale: Double, inputLength n: Int) -> ([Int], [Double]) {
        let clamp = { (i: Int) in min(max(i, 0), n - 1) }
        let floorX = x.rounded(.down)
        let isInteger = floorX == x
        if mode == .nearest {
            let i: Int
            switch nearestMode {
            case .roundPreferFloor: i = isInteger ? Int(x) : (x - floorX <= 0.5 ? Int(floorX) : Int(floorX) + 1)
            case .roundPreferCeil: i = isInteger ? Int(x) : (x - floorX < 0.5 ? Int(floorX) : Int(floorX) + 1)
            case .floor: i = Int(floorX)
            case .ceil: i = Int(x.rounded(.up))
            case .simple: i = scale < 1 ? Int(x.rounded(.up)) : Int(x.rounded(.towardZero))
            }
            return ([clamp(i)], [1])
        }
        // The reference takes the point below x (or x - 1 when x is whole) as the base, with
        // `ratio` in (0, 1].
        let base = isInteger ? Int(x) - 1 : Int(floorX)
        let ratio = isInteger ? 1 : x - floorX
        var offsets: [Int] = []
        var weights: [Double] = []
        switch mode {
        case .linear where antialias:
            let s = min(scale, 1)
            let start = Int((-1 / s).rounded(.down)) + 1
            for i in start..<(start + 2 - 2 * start) {
                offsets.append(i)
                weights.append(min(max(1 - abs((Double(i) - ratio) * s), 0), 1))
            }
        case .cubic where antialias:
            let s = min(scale, 1)
            let start = Int((-2 / s).rounded(.down)) + 1
            for i in start..<(2 - start) {
                offsets.append(i)
                weights.append(cubic(abs(s * (Double(i) - ratio))))
            }
        case .linear:
            offsets = [0, 1]
            weights = [1 - ratio, ratio]
        default:
            offsets = [-1, 0, 1, 2]
            weights = [cubic(ratio + 1), cubic(ratio), cubic(1 - ratio), cubic(2 - ratio)]
        }
        var raw = offsets.map { base + $0 }
        if antialias {
            let sum = weights.reduce(0, +)
            if sum != 0 { weights = weights.map { $0 / sum } }
        }
        if excludeOutside {
            for (t, i) in raw.enumerated() where i < 0 || i >= n { weights[t] = 0 }
            let sum = weights.reduce(0, +)
            if sum != 0 { weights = weights.map { $0 / sum } }
        }
        raw = raw.map(clamp)
        return (raw, weights)
    }

    /// The Keys cubic kernel with coefficient A.
    private func cubic(_ t: Double) -> Double {
        let x = abs(t), a = cubicA
        if x <= 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
        if x < 2 { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
        return 0
    }
}

/// One axis of a separable resize.
struct ResizeAxisPlan: Sendable {
    var inputLength: Int
    var outputLength: Int
    var taps: Int
    /// `outputLength * taps` input indices, clamped to the input.
    var indices: [Int]
    var weights: [Double]
    /// Output coordinates that take the extrapolation value (tf_crop_and_resize).
    var extrapolate: [Bool]

    /// Whether this axis leaves the input unchanged.
    var isIdentity: Bool {
        guard inputLength == outputLength, !extrapolate.contains(true) else { return false }
        for j in 0..<outputLength {
            for t in 0..<taps {
                let w = weights[j * taps + t]
                if w != 0, !(w == 1 && indices[j * taps + t] == j) { return false }
            }
        }
        return true
    }

    /// Resamples axis `axis` of a row-major tensor of `shape`.
    func apply<T: FloatElement>(_ x: [T], shape: [Int], axis: Int, extrapolation: T) -> [T] {
        let outer = Shape.count(Array(shape[..<axis]))
        let inner = Shape.count(Array(shape[(axis + 1)...]))
        let total = outer * outputLength * inner
        let w = weights.map { T($0) }
        return [T](pooledCapacity: total) { out, written in
            guard let dst = out.baseAddress else { return }
            dst.initialize(repeating: .zero, count: total)
            written = total
            x.withUnsafeBufferPointer { xb in
                guard let src = xb.baseAddress else { return }
                for o in 0..<outer {
                    let block = src + o * inputLength * inner
                    for j in 0..<outputLength {
                        let row = dst + (o * outputLength + j) * inner
                        if extrapolate[j] {
                            row.update(repeating: extrapolation, count: inner)
                            continue
                        }
                        for t in 0..<taps {
                            let weight = w[j * taps + t]
                            if weight == 0 { continue }
                            let line = block + indices[j * taps + t] * inner
                            for i in 0..<inner { row[i] = weight * line[i] + row[i] }
                        }
                    }
                }
            }
        }
    }
}

/// Runs a separable resize over a float tensor: one pass per changed axis.
enum ResizeRunner {
    static func run(_ x: Tensor, plans: [ResizeAxisPlan], extrapolation: Double) throws -> Tensor {
        let outShape = plans.map(\.outputLength)
        _ = try TensorOps.elementCount(outShape)
        switch x.storage {
        case .float32(let a): return try Tensor(shape: outShape, elements: passes(a, x.shape, plans, Float(extrapolation)))
        case .float64(let a): return try Tensor(shape: outShape, elements: passes(a, x.shape, plans, extrapolation))
        case .float16(let a):
            let y = passes(a.map { Float($0) }, x.shape, plans, Float(extrapolation))
            return try Tensor(shape: outShape, elements: y.map { Float16($0) })
        default:
            guard x.dtype.isNumeric, let doubles = x.doubles else {
                throw OpError.unsupported("Resize does not support \(x.dtype) tensors")
            }
            let y = passes(doubles, x.shape, plans, extrapolation)
            return try Tensor(shape: outShape, storage: TensorOps.visitNumeric(x.storage, RoundedCast(values: y), "X"))
        }
    }

    private static func passes<T: FloatElement>(_ x: [T], _ shape: [Int], _ plans: [ResizeAxisPlan], _ extrapolation: T) -> [T] {
        var values = x, current = shape
        for (axis, plan) in plans.enumerated() where !plan.isIdentity {
            values = plan.apply(values, shape: current, axis: axis, extrapolation: extrapolation)
            current[axis] = plan.outputLength
        }
        return values
    }

    /// Rounds and saturates doubles into the integer type of the visited storage.
    private struct RoundedCast: TensorOps.NumericVisitor {
        let values: [Double]
        func visit<T: TensorOps.Arithmetic>(_: [T]) throws -> TensorStorage {
            T.storage(values.map { T(lossyDouble: $0.rounded(.toNearestOrEven)) })
        }
    }
}
