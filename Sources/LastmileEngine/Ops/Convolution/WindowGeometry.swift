import LastmileTensor

/// The sliding-window attributes shared by Conv, ConvTranspose and the pooling ops: kernel
/// shape, strides, dilations, explicit pads and `auto_pad`.
struct WindowAttributes: Sendable {
    enum AutoPad: String, Sendable {
        case notSet = "NOTSET"
        case sameUpper = "SAME_UPPER"
        case sameLower = "SAME_LOWER"
        case valid = "VALID"
    }

    /// The kernel's spatial shape from the attribute, or nil when it comes from the weights.
    var kernelShape: [Int]?
    var strides: [Int]?
    var dilations: [Int]?
    /// `[x1_begin, x2_begin, ..., x1_end, x2_end, ...]`.
    var pads: [Int]?
    var autoPad: AutoPad
    var ceilMode: Bool

    init(_ ctx: NodeContext, requireKernel: Bool = false, dilationsAllowed: Bool = true) throws {
        kernelShape = try ctx.optionalInts("kernel_shape")
        if requireKernel, kernelShape == nil { throw OpError("required attribute \"kernel_shape\" is missing") }
        strides = try ctx.optionalInts("strides")
        dilations = dilationsAllowed ? try ctx.optionalInts("dilations") : nil
        pads = try ctx.optionalInts("pads")
        let raw = try ctx.string("auto_pad", default: "NOTSET")
        // Some exporters write an empty string for the default.
        guard let mode = AutoPad(rawValue: raw.isEmpty ? "NOTSET" : raw) else {
            throw OpError("auto_pad \"\(raw)\" is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID")
        }
        autoPad = mode
        ceilMode = try ctx.int("ceil_mode", default: 0) != 0
        if let k = kernelShape, k.contains(where: { $0 <= 0 }) { throw OpError("kernel_shape \(k) must be positive") }
        if let s = strides, s.contains(where: { $0 <= 0 }) { throw OpError("strides \(s) must be positive") }
        if let d = dilations, d.contains(where: { $0 <= 0 }) { throw OpError("dilations \(d) must be positive") }
    }

    /// Resolves the attributes for an input of spatial shape `input` and a kernel of `kernel`:
    /// the output's spatial shape and the begin/end pads actually used.
    func resolve(input: [Int], kernel: [Int]) throws -> WindowGeometry {
        let n = input.count
        guard kernel.count == n else {
            throw OpError("kernel shape \(kernel) does not match the \(n) spatial axes of the input")
        }
        guard kernel.allSatisfy({ $0 > 0 }) else { throw OpError("kernel shape \(kernel) must be positive") }
        let strides = self.strides ?? [Int](repeating: 1, count: n)
        let dilations = self.dilations ?? [Int](repeating: 1, count: n)
        guard strides.count == n else { throw OpError("strides \(strides) must have \(n) values") }
        guard dilations.count == n else { throw OpError("dilations \(dilations) must have \(n) values") }
        var begin = [Int](repeating: 0, count: n)
        var end = [Int](repeating: 0, count: n)
        var output = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let extent = (kernel[i] - 1) * dilations[i] + 1
            switch autoPad {
            case .notSet:
                if let pads {
                    guard pads.count == 2 * n else { throw OpError("pads \(pads) must have \(2 * n) values") }
                    guard pads.allSatisfy({ $0 >= 0 }) else { throw OpError("pads \(pads) must not be negative") }
                    begin[i] = pads[i]
                    end[i] = pads[i + n]
                }
                let span = input[i] + begin[i] + end[i] - extent
                guard span >= 0 else {
                    throw OpError("the window (extent \(extent)) is larger than the padded input on spatial axis \(i)")
                }
                if ceilMode {
                    var o = (span + strides[i] - 1) / strides[i] + 1
                    // The last window must start inside the input or its begin padding.
                    if (o - 1) * strides[i] >= input[i] + begin[i] { o -= 1 }
                    output[i] = o
                } else {
                    output[i] = span / strides[i] + 1
                }
            case .valid:
                let span = input[i] - extent
                guard span >= 0 else {
                    throw OpError("the window (extent \(extent)) is larger than the input on spatial axis \(i)")
                }
                output[i] = span / strides[i] + 1
            case .sameUpper, .sameLower:
                output[i] = (input[i] + strides[i] - 1) / strides[i]
                let total = max(0, (output[i] - 1) * strides[i] + extent - input[i])
                if autoPad == .sameUpper {
                    begin[i] = total / 2
                } else {
                    begin[i] = total - total / 2
                }
                end[i] = total - begin[i]
            }
        }
        return WindowGeometry(
            input: input, output: output, kernel: kernel, strides: strides, dilations: dilations,
            padsBegin: begin, padsEnd: end)
    }
}

/// A resolved sliding window over the spatial axes of one input.
struct WindowGeometry: Sendable {
    var input: [Int]
    var output: [Int]
    var kernel: [Int]
    var strides: [Int]
    var dilations: [Int]
    var padsBegin: [Int]
    var padsEnd: [Int]

    var inputSize: Int { Shape.count(input) }
    var outputSize: Int { Shape.count(output) }
    var kernelSize: Int { Shape.count(kernel) }
    var rank: Int { input.count }

    /// Whether the window is a plain 1x1 (every kernel dimension 1, unit strides, no pads).
    var isPointwise: Bool {
        kernel.allSatisfy { $0 == 1 } && strides.allSatisfy { $0 == 1 }
            && padsBegin.allSatisfy { $0 == 0 } && padsEnd.allSatisfy { $0 == 0 }
    }

    /// For each output position along axis `i` and kernel offset `k`: the input coordinate,
    /// which may fall outside `0..<input[i]`.
    @inline(__always)
    func coordinate(axis i: Int, output o: Int, kernel k: Int) -> Int {
        o * strides[i] - padsBegin[i] + k * dilations[i]
    }
}

/// Reads a spatial-shape check that every kernel in this family makes: rank and positive sizes.
enum WindowChecks {
    /// The spatial shape of an N x C x D1 x ... input, which must have rank 3 or more.
    static func spatialShape(_ x: Tensor, op: String) throws -> [Int] {
        guard x.rank >= 3 else {
            throw OpError("\(op) needs an input of shape N x C x D1 x ..., got \(x.shape)")
        }
        return Array(x.shape[2...])
    }

    /// The elements of `output` checked against the engine's size limit.
    static func checkedCount(_ shape: [Int]) throws -> Int {
        try TensorOps.elementCount(shape)
    }
}
