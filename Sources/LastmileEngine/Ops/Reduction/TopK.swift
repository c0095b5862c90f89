import LastmileTensor

/// TopK (opsets 1, 10, 11): the `k` largest (or, with `largest=0`, smallest) elements along
/// `axis` and their int64 indices. `k` is an attribute in opset 1 and a one-element int64
/// input from opset 10; `largest` and `sorted` arrive in opset 11.
///
/// Results are always sorted (which `sorted=0` permits); equal values keep the lower index
/// first, as onnxruntime does, and NaN ranks above every number.
struct TopKKernel: Kernel {
    let axis: Int
    let largest: Bool
    /// k when known at build time (the opset-1 attribute or a constant input).
    let fixedK: Int?

    init(_ ctx: NodeContext) throws {
        axis = try ctx.int("axis", default: -1)
        largest = ctx.opset >= 11 ? try ctx.int("largest", default: 1) != 0 : true
        if ctx.opset < 10 {
            fixedK = try ctx.int("k")
        } else {
            fixedK = try ctx.constantInput(1).map(Self.kValue)
        }
    }

    private static func kValue(_ tensor: Tensor) throws -> Int {
        guard tensor.rank <= 1, tensor.count == 1, let values = tensor.ints, let k = values.first else {
            throw OpError("input \"K\" must be a one-element integer tensor, got \(tensor.dtype) of shape \(tensor.shape)")
        }
        return k
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        try ReductionAxes.validate(x.shape)
        let k = try fixedK ?? Self.kValue(inputs.tensor(1))
        guard x.rank > 0 else { throw OpError("TopK needs an input of rank 1 or more, got a scalar") }
        let a = try ReductionAxes.normalize(axis, rank: x.rank)
        let n = x.shape[a]
        guard k >= 0, k <= n else {
            throw OpError("k = \(k) is out of range for axis \(axis) of size \(n)")
        }
        let layout = Layout(outer: Shape.count(Array(x.shape[..<a])), n: n, inner: Shape.count(Array(x.shape[(a + 1)...])), k: k)
        var shape = x.shape
        shape[a] = k
        let values: Tensor
        let indices: [Int64]
        switch x.storage {
        case .float32(let v): (values, indices) = select(v, layout, shape)
        case .float64(let v): (values, indices) = select(v, layout, shape)
        case .float16(let v): (values, indices) = select(v, layout, shape)
        case .int8(let v): (values, indices) = select(v, layout, shape)
        case .int16(let v): (values, indices) = select(v, layout, shape)
        case .int32(let v): (values, indices) = select(v, layout, shape)
        case .int64(let v): (values, indices) = select(v, layout, shape)
        case .uint8(let v): (values, indices) = select(v, layout, shape)
        case .uint16(let v): (values, indices) = select(v, layout, shape)
        case .uint32(let v): (values, indices) = select(v, layout, shape)
        case .uint64(let v): (values, indices) = select(v, layout, shape)
        default: throw OpError("TopK does not support \(x.dtype) tensors")
        }
        return [.tensor(values), .tensor(Tensor(unchecked: shape, indices))]
    }

    private struct Layout {
        var outer: Int
        var n: Int
        var inner: Int
        var k: Int
    }

    private func select<T: NumericElement>(_ x: [T], _ layout: Layout, _ shape: [Int]) -> (Tensor, [Int64]) {
        let (values, indices) = largest
            ? Self.select(x, layout) { a, b in a != a ? b == b : a > b }
            : Self.select(x, layout) { a, b in b != b ? a == a : a < b }
        return (Tensor(unchecked: shape, values), indices)
    }

    /// Selects the top `k` of every slice, where `ranksAbove(a, b)` is a strict order on values
    /// (`a != a` is how generic code spots NaN; it folds away for integers).
    @inline(__always)
    private static func select<T: NumericElement>(
        _ x: [T], _ layout: Layout, _ ranksAbove: (T, T) -> Bool
    ) -> ([T], [Int64]) {
        let (outer, n, inner, k) = (layout.outer, layout.n, layout.inner, layout.k)
        let count = outer * k * inner
        guard count > 0, x.count == outer * n * inner else { return ([], []) }
        var values = [T](repeating: .zero, count: count)
        var indices = [Int64](repeating: 0, count: count)
        var slice = [T](repeating: .zero, count: n)
        var order = [Int](repeating: 0, count: n)
        let useHeap = k * 4 < n
        x.withUnsafeBufferPointer { src in
            for o in 0..<outer {
                for j in 0..<inner {
                    let start = o * n * inner + j
                    for i in 0..<n { slice[i] = src[start + i * inner] }
                    slice.withUnsafeBufferPointer { v in
                        // Whether element i goes before element j in the output.
                        func before(_ i: Int, _ j: Int) -> Bool {
                            ranksAbove(v[i], v[j]) || (!ranksAbove(v[j], v[i]) && i < j)
                        }
                        order.withUnsafeMutableBufferPointer { order in
                            if useHeap {
                                selectWithHeap(n: n, k: k, order: order, before: before)
                            } else {
                                for i in 0..<n { order[i] = i }
                                order.sort(by: before)
                            }
                        }
                        let outStart = o * k * inner + j
                        for r in 0..<k {
                            let index = order[r]
                            values[outStart + r * inner] = v[index]
                            indices[outStart + r * inner] = Int64(index)
                        }
                    }
                }
            }
        }
        return (values, indices)
    }

    /// Leaves the `k` first elements of `0..<n` under `before`, sorted, in `order[0..<k]`:
    /// a bounded heap whose root is the last of the kept elements, O(n log k).
    @inline(__always)
    private static func selectWithHeap(
        n: Int, k: Int, order: UnsafeMutableBufferPointer<Int>, before: (Int, Int) -> Bool
    ) {
        guard k > 0 else { return }
        // Heap on order[0..<size]: a parent never goes before its children.
        func siftDown(_ start: Int, _ size: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1
                if left >= size { return }
                var child = left
                if left + 1 < size && before(order[child], order[left + 1]) { child = left + 1 }
                if before(order[parent], order[child]) {
                    order.swapAt(parent, child)
                    parent = child
                } else {
                    return
                }
            }
        }
        for i in 0..<k { order[i] = i }
        for start in stride(from: k / 2 - 1, through: 0, by: -1) { siftDown(start, k) }
        for i in k..<n where before(i, order[0]) {
            order[0] = i
            siftDown(0, k)
        }
        var size = k
        while size > 1 {
            order.swapAt(0, size - 1)
            size -= 1
            siftDown(0, size)
        }
    }
}
