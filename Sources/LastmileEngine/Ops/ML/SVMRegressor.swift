import LastmileTensor

/// ai.onnx.ml SVMRegressor (opset 1): `[N, 1]` float, the kernel values against the support
/// vectors times the coefficients plus `rho[0]` (or `X · coefficients + rho[0]` without support
/// vectors); `one_class` maps the result to ±1. As in onnxruntime, `post_transform` is ignored.
struct SVMRegressorKernel: Kernel {
    let function: SVMKernelFunction
    let supportVectors: [Float]
    let coefficients: [Float]
    let rho: Float
    let vectorCount: Int
    let featureCount: Int
    let oneClass: Bool

    init(_ ctx: NodeContext) throws {
        supportVectors = try ctx.floats("support_vectors", default: [])
        coefficients = try ctx.floats("coefficients")
        let rhos = try ctx.floats("rho")
        guard let first = rhos.first else { throw OpError("attribute \"rho\" is empty") }
        rho = first
        vectorCount = try ctx.int("n_supports", default: 0)
        oneClass = try ctx.int("one_class", default: 0) != 0
        _ = try MLPostTransform(ctx)
        guard !coefficients.isEmpty else { throw OpError("attribute \"coefficients\" is empty") }
        guard vectorCount >= 0 else { throw OpError("attribute \"n_supports\" is negative") }
        if vectorCount > 0 {
            function = try SVMKernelFunction(ctx)
            featureCount = supportVectors.count / vectorCount
            guard supportVectors.count == vectorCount * featureCount, coefficients.count >= vectorCount else {
                throw OpError("SVMRegressor has \(supportVectors.count) support vector values and \(coefficients.count) coefficients for \(vectorCount) support vectors")
            }
        } else {
            function = SVMKernelFunction(kind: .linear)
            featureCount = coefficients.count
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let (rows, columns) = try MLInput.matrixShape(x, op: "SVMRegressor")
        guard columns == featureCount else {
            throw OpError("SVMRegressor expects \(featureCount) features, the input has \(columns)")
        }
        let features = try MLInput.floats(x, op: "SVMRegressor")
        var out = [Float](repeating: 0, count: rows)
        features.withUnsafeBufferPointer { xp in
            out.withUnsafeMutableBufferPointer { op in
                if vectorCount > 0 {
                    var kernels = [Float](repeating: 0, count: rows * vectorCount)
                    supportVectors.withUnsafeBufferPointer { vp in
                        kernels.withUnsafeMutableBufferPointer { kp in
                            function.apply(xp, rows: rows, features: columns, vectors: vp, count: vectorCount,
                                           linearBias: 0, into: kp)
                        }
                    }
                    kernels.withUnsafeBufferPointer { kp in
                        coefficients.withUnsafeBufferPointer { cp in
                            [rho].withUnsafeBufferPointer { bp in
                                MLLinear.multiplyTransposed(kp, rows: rows, columns: vectorCount,
                                                            UnsafeBufferPointer(rebasing: cp[0..<vectorCount]),
                                                            outputs: 1, bias: bp, into: op)
                            }
                        }
                    }
                } else {
                    coefficients.withUnsafeBufferPointer { cp in
                        function.apply(xp, rows: rows, features: columns, vectors: cp, count: 1, linearBias: rho, into: op)
                    }
                }
            }
        }
        if oneClass {
            for i in out.indices { out[i] = out[i] > 0 ? 1 : -1 }
        }
        return [.tensor(Tensor(unchecked: [rows, 1], out))]
    }
}
