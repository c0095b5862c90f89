import LastmileTensor

/// ai.onnx.ml LinearRegressor (opset 1): Y = X · coefficientsᵀ + intercepts, `[N, targets]` float.
///
/// As in onnxruntime, intercepts are used only when there is one per target, and with a single
/// target only the PROBIT post transform changes the output.
struct LinearRegressorKernel: Kernel {
    let coefficients: [Float]
    let intercepts: [Float]?
    let targets: Int
    let transform: MLPostTransform

    init(_ ctx: NodeContext) throws {
        coefficients = try ctx.floats("coefficients")
        targets = try ctx.int("targets", default: 1)
        let given = try ctx.floats("intercepts", default: [])
        intercepts = given.count == targets ? given : nil
        transform = try MLPostTransform(ctx)
        guard targets > 0 else { throw OpError("attribute \"targets\" must be positive, got \(targets)") }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let rows: Int
        let columns: Int
        switch x.rank {
        case 0, 1: (rows, columns) = (1, x.count)
        case 2: (rows, columns) = (x.shape[0], x.shape[1])
        default: throw OpError("LinearRegressor expects a 1-D or 2-D input, got shape \(x.shape)")
        }
        guard coefficients.count == targets * columns else {
            throw OpError("LinearRegressor has \(coefficients.count) coefficients, which is not \(targets) targets × \(columns) input features")
        }
        let features = try MLInput.floats(x, op: "LinearRegressor")
        var out = [Float](repeating: 0, count: rows * targets)
        features.withUnsafeBufferPointer { xp in
            coefficients.withUnsafeBufferPointer { wp in
                out.withUnsafeMutableBufferPointer { op in
                    if let intercepts {
                        intercepts.withUnsafeBufferPointer { bp in
                            MLLinear.multiplyTransposed(xp, rows: rows, columns: columns, wp, outputs: targets, bias: bp, into: op)
                        }
                    } else {
                        MLLinear.multiplyTransposed(xp, rows: rows, columns: columns, wp, outputs: targets, bias: nil, into: op)
                    }
                    if targets == 1 {
                        if transform == .probit {
                            for i in op.indices { op[i] = MLMath.probit(op[i]) }
                        }
                    } else if transform != .none {
                        for r in 0..<rows {
                            MLMath.transformRow(UnsafeMutableBufferPointer(rebasing: op[(r * targets)..<((r + 1) * targets)]), transform)
                        }
                    }
                }
            }
        }
        return [.tensor(Tensor(unchecked: [rows, targets], out))]
    }
}
