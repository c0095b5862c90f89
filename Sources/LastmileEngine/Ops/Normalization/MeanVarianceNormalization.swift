import LastmileTensor
import RealModule

/// MeanVarianceNormalization (opsets 9, 13): y = (x - mean) / (sqrt(var) + 1e-9) over `axes`
/// (default [0, 2, 3]), as the ONNX function body defines it (so a constant input gives 0).
struct MeanVarianceNormalizationKernel: Kernel {
    let axes: [Int]

    init(_ ctx: NodeContext) throws {
        axes = try ctx.ints("axes", default: [0, 2, 3])
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        try ReductionAxes.validate(x.shape)
        let normalized = try ReductionAxes.normalize(axes, rank: x.rank)
        let plan = ReductionPlan(shape: x.shape, axes: normalized, keepdims: true)
        switch x.storage {
        case .float32(let v): return [.tensor(try normalize(v, plan))]
        case .float64(let v): return [.tensor(try normalize(v, plan))]
        case .float16(let v):
            let y = try normalize(v.map { Float($0) }, plan)
            return [.tensor(try y.cast(to: .float16))]
        default:
            throw OpError("MeanVarianceNormalization does not support \(x.dtype) tensors")
        }
    }

    private func normalize<T: FloatElement & ReductionElement>(_ x: [T], _ plan: ReductionPlan) throws -> Tensor {
        let count = T(plan.reducedCount)
        let means = plan.reduce(x, SumReduction()).map { $0 / count }
        let centred = try Broadcast.map(x, plan.inputShape, means, plan.keptShape) { $0 - $1 }
        guard let deviations = centred.elements(T.self) else {
            throw OpError("MeanVarianceNormalization: internal type error")
        }
        let deviationScale = plan.reduce(deviations, SumSquareReduction()).map { T.sqrt($0 / count) + T(1e-9) }
        return try Broadcast.map(deviations, plan.inputShape, deviationScale, plan.keptShape) { $0 / $1 }
    }
}
