import LastmileTensor

/// Reshape (opsets 1-23): the same elements under a new shape, without copying them.
///
/// The shape is the `shape` attribute before opset 5 and input 1 from then on. A 0 copies the
/// input's dimension at that position (unless `allowzero` = 1, opset 14+, where it is a real 0)
/// and one -1 is inferred from the element count.
struct ReshapeKernel: Kernel {
    /// The `shape` attribute (opsets 1-4).
    let attributeShape: [Int]?
    let allowZero: Bool

    init(_ ctx: NodeContext) throws {
        attributeShape = ctx.opset < 5 ? try ctx.ints("shape") : nil
        allowZero = try ctx.opset >= 14 && ctx.int("allowzero", default: 0) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let requested = try attributeShape ?? TensorOps.integers(try inputs.tensor(1), "the shape input")
        let shape = try Self.outputShape(requested, input: data.shape, count: data.count, allowZero: allowZero)
        return [.tensor(data.reshaped(unchecked: shape))]
    }

    /// Resolves the 0 and -1 entries of a requested shape against the input's shape and count.
    static func outputShape(_ requested: [Int], input: [Int], count: Int, allowZero: Bool) throws -> [Int] {
        var shape = requested
        var inferred: Int?
        var known = 1
        for (i, d) in requested.enumerated() {
            if d == -1 {
                guard inferred == nil else { throw OpError("shape \(requested) has more than one -1") }
                inferred = i
                continue
            }
            guard d >= 0 else { throw OpError("shape \(requested) has an invalid dimension \(d)") }
            if d == 0 && !allowZero {
                guard i < input.count else {
                    throw OpError("shape \(requested) copies dimension \(i) from an input of rank \(input.count)")
                }
                shape[i] = input[i]
            }
            let (product, overflow) = known.multipliedReportingOverflow(by: shape[i])
            guard !overflow else { throw OpError("cannot reshape \(input) to \(requested)") }
            known = product
        }
        if let inferred {
            if allowZero && requested.contains(0) {
                throw OpError("shape \(requested) has both 0 and -1, which allowzero = 1 forbids")
            }
            guard known != 0, count % known == 0 else {
                throw OpError("cannot reshape \(input) (\(count) elements) to \(requested)")
            }
            shape[inferred] = count / known
        } else if known != count {
            throw OpError("cannot reshape \(input) (\(count) elements) to \(requested)")
        }
        return shape
    }
}
