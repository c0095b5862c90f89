import LastmileTensor
import RealModule

/// LpNormalization (opsets 1, 22): divides x by its L1 (`p=1`) or L2 (`p=2`) norm along
/// `axis`; a zero norm gives zeros, as in onnxruntime.
struct LpNormalizationKernel: Kernel {
    let axis: Int
    let p: Int

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: -1)
        p = try ctx.int("p", default: 2)
        guard p == 1 || p == 2 else { throw OpError("LpNormalization supports p = 1 or 2, got \(p)") }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        try ReductionAxes.validate(x.shape)
        guard x.rank >= 1 else { throw OpError("LpNormalization needs an input of rank 1 or more, got a scalar") }
        let plan = ReductionPlan(shape: x.shape, axes: [try ReductionAxes.normalize(axis, rank: x.rank)], keepdims: true)
        switch x.storage {
        case .float32(let v): return [.tensor(try normalize(v, plan))]
        case .float64(let v): return [.tensor(try normalize(v, plan))]
        case .float16(let v):
            let y = try normalize(v.map { Float($0) }, plan)
            return [.tensor(try y.cast(to: .float16))]
        default:
            throw OpError("LpNormalization does not support \(x.dtype) tensors")
        }
    }

    private func normalize<T: FloatElement & ReductionElement>(_ x: [T], _ plan: ReductionPlan) throws -> Tensor {
        let norms = p == 1
            ? plan.reduce(x, AbsoluteSumReduction())
            : plan.reduce(x, SumSquareReduction()).map { T.sqrt($0) }
        return try Broadcast.map(x, plan.inputShape, norms, plan.keptShape) { v, norm in norm == 0 ? 0 : v / norm }
    }
}
