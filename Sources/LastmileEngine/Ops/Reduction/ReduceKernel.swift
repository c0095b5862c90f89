import LastmileTensor
import RealModule

/// The kernel behind the ten `Reduce*` ops: reduces the listed axes (all of them when none are
/// listed) with one of the reductions of `Kind`.
///
/// Axes come from the `axes` attribute before `axesInputSince` and from the optional second
/// input from then on, where `noop_with_empty_axes=1` makes an empty list return the input
/// unchanged (as onnxruntime does, for every reduction).
struct ReduceKernel: Kernel {
    enum Kind: String, Sendable {
        case sum = "ReduceSum"
        case mean = "ReduceMean"
        case max = "ReduceMax"
        case min = "ReduceMin"
        case prod = "ReduceProd"
        case l1 = "ReduceL1"
        case l2 = "ReduceL2"
        case logSum = "ReduceLogSum"
        case logSumExp = "ReduceLogSumExp"
        case sumSquare = "ReduceSumSquare"

        /// Whether the op takes int8, uint8 and bool tensors (ReduceMax and ReduceMin do).
        var acceptsSmallTypes: Bool { self == .max || self == .min }
    }

    let kind: Kind
    let keepdims: Bool
    let noopWithEmptyAxes: Bool
    /// The axes when known at build time (attribute, constant input or no input); nil when
    /// they arrive as input 1 at run time.
    let fixedAxes: [Int]?

    init(_ ctx: NodeContext, kind: Kind, axesInputSince: Int) throws {
        self.kind = kind
        keepdims = try ctx.int("keepdims", default: 1) != 0
        if ctx.opset >= axesInputSince {
            noopWithEmptyAxes = try ctx.int("noop_with_empty_axes", default: 0) != 0
            if !ctx.hasInput(1) {
                fixedAxes = []
            } else if let constant = ctx.constantInput(1) {
                fixedAxes = try Self.axesValues(constant)
            } else {
                fixedAxes = nil
            }
        } else {
            noopWithEmptyAxes = false
            fixedAxes = try ctx.ints("axes", default: [])
        }
    }

    static func axesValues(_ tensor: Tensor) throws -> [Int] {
        guard tensor.rank <= 1, let values = tensor.ints else {
            throw OpError("input \"axes\" must be a 1-D integer tensor, got \(tensor.dtype) of shape \(tensor.shape)")
        }
        return values
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        try ReductionAxes.validate(x.shape)
        var axes: [Int]
        if let fixedAxes {
            axes = fixedAxes
        } else if let tensor = try inputs.optionalTensor(1) {
            axes = try Self.axesValues(tensor)
        } else {
            axes = []
        }
        if axes.isEmpty && noopWithEmptyAxes { return [.tensor(x)] }
        axes = try ReductionAxes.normalize(axes, rank: x.rank)
        let plan = ReductionPlan(shape: x.shape, axes: axes, keepdims: keepdims)
        return [.tensor(try reduce(x, plan))]
    }

    private func reduce(_ x: Tensor, _ plan: ReductionPlan) throws -> Tensor {
        let shape = plan.outputShape
        switch x.storage {
        case .float32(let a): return Tensor(unchecked: shape, try reduceFloating(a, plan))
        case .float64(let a): return Tensor(unchecked: shape, try reduceFloating(a, plan))
        case .float16(let a):
            let r = try reduceFloating(a.map { Float($0) }, plan)
            return Tensor(unchecked: shape, r.map { Float16($0) })
        case .int32(let a): return Tensor(unchecked: shape, try reduceInteger(a, plan))
        case .int64(let a): return Tensor(unchecked: shape, try reduceInteger(a, plan))
        case .uint32(let a): return Tensor(unchecked: shape, try reduceInteger(a, plan))
        case .uint64(let a): return Tensor(unchecked: shape, try reduceInteger(a, plan))
        case .int8(let a) where kind.acceptsSmallTypes: return Tensor(unchecked: shape, try reduceInteger(a, plan))
        case .uint8(let a) where kind.acceptsSmallTypes: return Tensor(unchecked: shape, try reduceInteger(a, plan))
        case .bool(let a) where kind.acceptsSmallTypes:
            let r = try reduceInteger(a.map { $0 ? UInt8(1) : 0 }, plan)
            return Tensor(unchecked: shape, r.map { $0 != 0 })
        default:
            throw OpError("\(kind.rawValue) does not support \(x.dtype) tensors")
        }
    }

    private func reduceFloating<T: FloatElement & ReductionElement>(_ x: [T], _ plan: ReductionPlan) throws -> [T] {
        switch kind {
        case .sum: return plan.reduce(x, SumReduction())
        case .sumSquare: return plan.reduce(x, SumSquareReduction())
        case .l1: return plan.reduce(x, AbsoluteSumReduction())
        case .prod: return plan.reduce(x, ProductReduction())
        case .max: return plan.reduce(x, MaxReduction())
        case .min: return plan.reduce(x, MinReduction())
        case .mean:
            let c = T(plan.reducedCount)
            return plan.reduce(x, SumReduction()).map { $0 / c }
        case .l2: return plan.reduce(x, SumSquareReduction()).map { T.sqrt($0) }
        case .logSum: return plan.reduce(x, SumReduction()).map { T.log($0) }
        case .logSumExp:
            // Shift by the maximum so exp cannot overflow; an infinite maximum needs no shift
            // (and subtracting it would give NaN).
            let shift = plan.reduce(x, MaxReduction()).map { $0.isFinite ? $0 : 0 }
            let shifted = try Broadcast.map(x, plan.inputShape, shift, plan.keptShape) { T.exp($0 - $1) }
            guard let exps = shifted.elements(T.self) else {
                throw OpError("ReduceLogSumExp: internal type error")
            }
            let sums = plan.reduce(exps, SumReduction())
            return [T](pooledCapacity: sums.count) { out, written in
                for i in 0..<sums.count { out.initializeElement(at: i, to: T.log(sums[i]) + shift[i]) }
                written = sums.count
            }
        }
    }

    private func reduceInteger<T: IntegerElement & ReductionElement>(_ x: [T], _ plan: ReductionPlan) throws -> [T] {
        switch kind {
        case .sum: return plan.reduce(x, SumReduction())
        case .sumSquare: return plan.reduce(x, SumSquareReduction())
        case .l1: return plan.reduce(x, AbsoluteSumReduction())
        case .prod: return plan.reduce(x, ProductReduction())
        case .max: return plan.reduce(x, MaxReduction())
        case .min: return plan.reduce(x, MinReduction())
        case .mean:
            let c = plan.reducedCount
            return plan.reduce(x, SumReduction()).map { T.reductionDivide($0, count: c) }
        case .l2, .logSum, .logSumExp:
            // Computed in Double and truncated back, like a float reduction followed by a Cast.
            return try reduceFloating(x.map { Double($0) }, plan).map { T(lossyDouble: $0) }
        }
    }
}

/// Axis normalisation and shape checks shared by the reduction, linear algebra and
/// normalisation kernels.
enum ReductionAxes {
    /// `axis` in `[-rank, rank)` mapped to `[0, rank)`, or an OpError naming it.
    static func normalize(_ axis: Int, rank: Int) throws -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else {
            throw OpError("axis \(axis) is out of range for a tensor of rank \(rank) (expected \(-rank)...\(rank - 1))")
        }
        return a
    }

    /// Throws unless the product of the non-zero dimensions of `shape` fits in Int, so that
    /// no partial product of its dimensions can overflow (an empty tensor may have huge ones).
    static func validate(_ shape: [Int]) throws {
        var product = 1
        for d in shape where d != 0 {
            let (next, overflow) = product.multipliedReportingOverflow(by: d)
            guard !overflow, d > 0 else { throw OpError("shape \(shape) is too large") }
            product = next
        }
    }

    /// The element count of `shape`, or an OpError when it does not fit in Int.
    static func checkedCount(_ shape: [Int]) throws -> Int {
        var product = 1
        for d in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: d)
            guard !overflow, d >= 0 else { throw OpError("shape \(shape) is too large") }
            product = next
        }
        return product
    }

    /// The axes normalised, sorted and without duplicates. A rank-0 tensor accepts 0 and -1.
    static func normalize(_ axes: [Int], rank: Int) throws -> [Int] {
        if rank == 0 {
            guard axes.allSatisfy({ $0 == 0 || $0 == -1 }) else {
                throw OpError("axes \(axes) are out of range for a scalar")
            }
            return []
        }
        var seen = [Bool](repeating: false, count: rank)
        for axis in axes { seen[try normalize(axis, rank: rank)] = true }
        return (0..<rank).filter { seen[$0] }
    }
}
