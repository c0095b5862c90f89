import LastmileTensor
import RealModule

/// LpPool (opsets 1, 2, 11, 18, 22): the p-norm `(sum |x|^p)^(1/p)` of each window, padding
/// counting as zeros.
struct LpPoolKernel: Kernel {
    let window: WindowAttributes
    let p: Float

    init(_ ctx: NodeContext) throws {
        window = try WindowAttributes(ctx, requireKernel: true)
        p = try ctx.float("p", default: 2)
        guard p > 0 else { throw OpError("p \(p) must be positive") }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let windows = try PoolWindows.make(window, x, op: "LpPool")
        let shape = Array(x.shape[0..<2]) + windows.geometry.output
        let planes = PoolWindows.planes(x)
        switch x.storage {
        case .float32(let a): return [.tensor(try Tensor(shape: shape, elements: norm(a, windows, planes)))]
        case .float64(let a): return [.tensor(try Tensor(shape: shape, elements: norm(a, windows, planes)))]
        case .float16(let a):
            let y = norm(a.map { Float($0) }, windows, planes)
            return [.tensor(try Tensor(shape: shape, elements: y.map { Float16($0) }))]
        default: throw OpError.unsupported("LpPool does not support \(x.dtype) tensors")
        }
    }

    private func norm<T: FloatElement>(_ x: [T], _ windows: PoolWindows, _ planes: Int) -> [T] {
        let p = T(self.p)
        return windows.map(x, planes: planes) { plane, window, _ in
            var sum = T.zero
            if p == 2 {
                for offset in window { sum += plane[offset] * plane[offset] }
                return sum.squareRoot()
            }
            for offset in window { sum += T.pow(abs(plane[offset]), p) }
            return T.pow(sum, 1 / p)
        }
    }
}
