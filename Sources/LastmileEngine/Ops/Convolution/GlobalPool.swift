import LastmileTensor
import RealModule

/// GlobalAveragePool, GlobalMaxPool (opsets 1, 22) and GlobalLpPool (opsets 1, 2, 22): one
/// value per N x C plane, the mean, the maximum or the p-norm of all its spatial elements.
struct GlobalPoolKernel: Kernel {
    enum Reduction: Sendable { case average, max, lp(Float) }
    let reduction: Reduction
    let name: String

    init(_ ctx: NodeContext, _ reduction: Reduction) throws {
        name = ctx.node.opType
        if case .lp = reduction {
            let p = try ctx.float("p", default: 2)
            guard p > 0 else { throw OpError("p \(p) must be positive") }
            self.reduction = .lp(p)
        } else {
            self.reduction = reduction
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let spatial = try WindowChecks.spatialShape(x, op: name)
        let shape = Array(x.shape[0..<2]) + [Int](repeating: 1, count: spatial.count)
        let size = Shape.count(spatial)
        switch x.storage {
        case .float32(let a): return [.tensor(try Tensor(shape: shape, elements: reduce(a, size)))]
        case .float64(let a): return [.tensor(try Tensor(shape: shape, elements: reduce(a, size)))]
        case .float16(let a):
            let y = reduce(a.map { Float($0) }, size)
            return [.tensor(try Tensor(shape: shape, elements: y.map { Float16($0) }))]
        default: throw OpError.unsupported("\(name) does not support \(x.dtype) tensors")
        }
    }

    private func reduce<T: FloatElement>(_ x: [T], _ size: Int) -> [T] {
        let planes = size == 0 ? 0 : x.count / size
        var out = [T](pooledCapacity: planes) { buffer, written in
            buffer.initialize(repeating: .zero)
            written = planes
        }
        x.withUnsafeBufferPointer { xb in
            guard let xp = xb.baseAddress else { return }
            for p in 0..<planes {
                let row = xp + p * size
                switch reduction {
                case .average:
                    var sum = T.zero
                    for i in 0..<size { sum += row[i] }
                    out[p] = sum / T(size)
                case .max:
                    var best = -T.infinity
                    for i in 0..<size where row[i] > best { best = row[i] }
                    out[p] = best
                case .lp(let raw):
                    let q = T(raw)
                    var sum = T.zero
                    for i in 0..<size { sum += T.pow(abs(row[i]), q) }
                    out[p] = T.pow(sum, 1 / q)
                }
            }
        }
        return out
    }
}
