import LastmileTensor

/// ai.onnx.ml TreeEnsembleRegressor (ml opsets 1 and 3): `[N, n_targets]` float scores.
///
/// Double inputs are compared and summed in double, every other input type in float, as in
/// onnxruntime. Opset 3's `*_as_tensor` attributes may hold double values.
struct TreeEnsembleRegressorKernel: Kernel {
    let model: TreeEnsembleModel
    let aggregate: TreeAggregate
    let transform: MLPostTransform
    let base: (floats: [Float], doubles: [Double])

    init(_ ctx: NodeContext) throws {
        let targets = try ctx.int("n_targets", default: 0)
        guard targets > 0 else { throw OpError("attribute \"n_targets\" must be positive, got \(targets)") }
        model = try TreeEnsembleModel(try TreeEnsembleAttributes.graph(ctx, weightPrefix: "target"), targetCount: targets)
        aggregate = try TreeAggregate(name: try ctx.string("aggregate_function", default: "SUM"))
        transform = try MLPostTransform(ctx)
        base = try TreeEnsembleAttributes.baseValues(ctx)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let n = model.targetCount
        let out = try TreeInput.withRows(x, model: model, op: "TreeEnsembleRegressor") { rows, stride, input in
            var out = [Float](repeating: 0, count: rows * n)
            out.withUnsafeMutableBufferPointer { o in
                guard let op = o.baseAddress else { return }
                switch input {
                case .float(let p):
                    model.regress(p, rows: rows, stride: stride, values: model.float, aggregate: aggregate,
                                  base: base.floats, transform: transform, into: op)
                case .double(let p):
                    model.regress(p, rows: rows, stride: stride, values: model.double, aggregate: aggregate,
                                  base: base.doubles, transform: transform, into: op)
                }
            }
            return (rows, out)
        }
        return [.tensor(Tensor(unchecked: [out.0, n], out.1))]
    }
}

/// The feature rows of a tree ensemble input, in the precision the trees compare in.
enum TreeInput {
    case float(UnsafePointer<Float>)
    case double(UnsafePointer<Double>)

    /// Checks the input shape against the model and calls `body(rows, stride, rowsPointer)`:
    /// double tensors as double, every other numeric type converted to float.
    static func withRows<R>(
        _ x: Tensor, model: TreeEnsembleModel, op: String,
        _ body: (Int, Int, TreeInput) throws -> R
    ) throws -> R {
        let (rows, columns) = try MLInput.matrixShape(x, op: op)
        guard model.maxFeature < columns else {
            throw OpError("\(op) reads feature \(model.maxFeature) but the input has \(columns) features")
        }
        if case .float64(let values) = x.storage {
            let padded = values.isEmpty ? [0] : values
            return try padded.withUnsafeBufferPointer { p in
                try body(rows, columns, .double(p.baseAddress.unsafelyUnwrapped))
            }
        }
        let floats = try MLInput.floats(x, op: op)
        let padded = floats.isEmpty ? [0] : floats
        return try padded.withUnsafeBufferPointer { p in
            try body(rows, columns, .float(p.baseAddress.unsafelyUnwrapped))
        }
    }
}
