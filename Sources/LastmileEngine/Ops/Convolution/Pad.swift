import LastmileTensor

/// Pad (opsets 1, 2, 11, 13, 18, 19, 21, 23): pads (or, with negative pads, crops) every axis
/// of a tensor of any type. Modes: constant, reflect (mirror without repeating the edge), edge
/// (repeat the edge) and wrap (cyclic). Before opset 11 the pads and the constant value are
/// attributes; from 11 they are inputs, and from 18 an optional `axes` input says which axes
/// the pads name.
struct PadKernel: Kernel {
    enum Mode: String, Sendable { case constant, reflect, edge, wrap }
    let mode: Mode
    let attributePads: [Int]?
    let attributeValue: Double
    let opset: Int

    init(_ ctx: NodeContext) throws {
        let raw = try ctx.string("mode", default: "constant")
        guard let mode = Mode(rawValue: raw) else {
            throw OpError("mode \"\(raw)\" is not one of constant, reflect, edge, wrap")
        }
        if mode == .wrap, ctx.opset < 19 { throw OpError("mode \"wrap\" needs opset 19 or later") }
        self.mode = mode
        opset = ctx.opset
        if ctx.opset < 11 {
            attributePads = try ctx.optionalInts("pads") ?? ctx.optionalInts("paddings")
            guard attributePads != nil else { throw OpError("required attribute \"pads\" is missing") }
            attributeValue = Double(try ctx.float("value", default: 0))
        } else {
            attributePads = nil
            attributeValue = 0
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let rank = data.rank
        var pads: [Int]
        var constant: Tensor?
        var axes = Array(0..<rank)
        if let attributePads {
            pads = attributePads
        } else {
            pads = try TensorOps.integers(try inputs.tensor(1), "pads")
            constant = try inputs.optionalTensor(2)
            if let axesTensor = try inputs.optionalTensor(3) {
                axes = try TensorOps.axes(try TensorOps.integers(axesTensor, "axes"), rank: rank)
            }
        }
        guard pads.count == 2 * axes.count else {
            throw OpError("pads has \(pads.count) values, expected \(2 * axes.count) (two per padded axis) for input \(data.shape)")
        }
        var begin = [Int](repeating: 0, count: rank), end = [Int](repeating: 0, count: rank)
        for (i, axis) in axes.enumerated() {
            begin[axis] = pads[i]
            end[axis] = pads[i + axes.count]
        }
        if let constant, constant.count != 1, mode == .constant {
            throw OpError("constant_value must have one element, got shape \(constant.shape)")
        }
        let plan = try PadPlan(shape: data.shape, begin: begin, end: end, mode: mode)
        let fill = PadFill(plan: plan, constant: constant, fallback: attributeValue)
        return [.tensor(try TensorOps.map(data, to: plan.outputShape, fill))]
    }
}

/// For each axis, the source coordinate of every output coordinate (-1 for the constant).
struct PadPlan {
    let outputShape: [Int]
    let sources: [[Int]]
    let inputStrides: [Int]

    init(shape: [Int], begin: [Int], end: [Int], mode: PadKernel.Mode) throws {
        var out: [Int] = [], sources: [[Int]] = []
        for axis in shape.indices {
            let n = shape[axis]
            let size = n + begin[axis] + end[axis]
            guard size >= 0 else {
                throw OpError("pads \(begin[axis]), \(end[axis]) crop more than the \(n) elements of axis \(axis)")
            }
            // Negative pads crop first; the rest pads the cropped range.
            let lo = max(0, -begin[axis]), hi = n - max(0, -end[axis])
            let kept = max(0, hi - lo)
            let before = max(0, begin[axis])
            if kept == 0, size > 0, mode != .constant {
                throw OpError("\(mode.rawValue) padding needs a non-empty input on axis \(axis), got \(shape)")
            }
            var table = [Int](repeating: -1, count: size)
            for j in 0..<size {
                var i = j - before
                if i < 0 || i >= kept {
                    switch mode {
                    case .constant: i = -1
                    case .edge: i = min(max(i, 0), kept - 1)
                    case .wrap: i = ((i % kept) + kept) % kept
                    case .reflect:
                        if kept == 1 {
                            i = 0
                        } else {
                            let period = 2 * (kept - 1)
                            i = ((i % period) + period) % period
                            if i >= kept { i = period - i }
                        }
                    }
                }
                table[j] = i < 0 ? -1 : lo + i
            }
            out.append(size)
            sources.append(table)
        }
        _ = try TensorOps.elementCount(out)
        outputShape = out
        self.sources = sources
        inputStrides = Shape.strides(shape)
    }
}

/// Writes the padded tensor for one element type.
struct PadFill: TensorOps.ElementVisitor {
    let plan: PadPlan
    let constant: Tensor?
    let fallback: Double

    private func constantValue<T: TensorElement>(_: T.Type) -> T {
        if let constant {
            if let same = constant.elements(T.self)?.first { return same }
            if let number = T.self as? any NumericElement.Type, let value = constant.doubles?.first,
               let converted = number.init(lossyDouble: value) as? T {
                return converted
            }
            return T.zero
        }
        if let number = T.self as? any NumericElement.Type, let converted = number.init(lossyDouble: fallback) as? T {
            return converted
        }
        return T.zero
    }

    func visit<T: TensorElement>(_ values: [T]) throws -> TensorStorage {
        let value = constantValue(T.self)
        let shape = plan.outputShape
        let total = Shape.count(shape)
        guard total > 0 else { return T.storage([]) }
        let rank = shape.count
        guard rank > 0 else { return T.storage(values) }
        let last = rank - 1
        let inner = shape[last]
        let outer = total / inner
        var index = [Int](repeating: 0, count: rank)
        let result = [T](pooledCapacity: total) { out, written in
            guard let dst = out.baseAddress else { return }
            values.withUnsafeBufferPointer { source in
                var o = 0
                let lastTable = plan.sources[last]
                for _ in 0..<outer {
                    var base = 0, inside = true
                    for a in 0..<last {
                        let s = plan.sources[a][index[a]]
                        if s < 0 { inside = false; break }
                        base += s * plan.inputStrides[a]
                    }
                    if inside, let src = source.baseAddress {
                        for j in 0..<inner {
                            let s = lastTable[j]
                            (dst + o + j).initialize(to: s < 0 ? value : src[base + s])
                        }
                    } else {
                        (dst + o).initialize(repeating: value, count: inner)
                    }
                    o += inner
                    var a = last - 1
                    while a >= 0 {
                        index[a] += 1
                        if index[a] < shape[a] { break }
                        index[a] = 0
                        a -= 1
                    }
                }
                written = o
            }
        }
        return T.storage(result)
    }
}
