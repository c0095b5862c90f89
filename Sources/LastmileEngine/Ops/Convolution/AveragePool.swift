import LastmileTensor

/// AveragePool (opsets 1, 7, 10, 11, 19, 22): the mean of each window, over the input elements
/// only, or with count_include_pad over the explicitly padded input too (pads count as zeros).
struct AveragePoolKernel: Kernel {
    let window: WindowAttributes
    let countIncludePad: Bool

    init(_ ctx: NodeContext) throws {
        window = try WindowAttributes(ctx, requireKernel: true)
        countIncludePad = try ctx.int("count_include_pad", default: 0) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let windows = try PoolWindows.make(window, x, op: "AveragePool")
        let shape = Array(x.shape[0..<2]) + windows.geometry.output
        let planes = PoolWindows.planes(x)
        switch x.storage {
        case .float32(let a): return [.tensor(try Tensor(shape: shape, elements: average(a, windows, planes)))]
        case .float64(let a): return [.tensor(try Tensor(shape: shape, elements: average(a, windows, planes)))]
        case .float16(let a):
            let y = average(a.map { Float($0) }, windows, planes)
            return [.tensor(try Tensor(shape: shape, elements: y.map { Float16($0) }))]
        default: throw OpError.unsupported("AveragePool does not support \(x.dtype) tensors")
        }
    }

    private func average<T: FloatElement>(_ x: [T], _ windows: PoolWindows, _ planes: Int) -> [T] {
        let include = countIncludePad
        return windows.map(x, planes: planes) { plane, window, padded in
            var sum = T.zero
            for offset in window { sum += plane[offset] }
            return sum / T(include ? padded : window.count)
        }
    }
}
