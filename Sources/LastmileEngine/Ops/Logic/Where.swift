import LastmileTensor

/// Where: `condition ? X : Y` elementwise, the three inputs broadcast numpy-style; X and Y may
/// have any element type (the same for both).
struct WhereKernel: Kernel {
    func run(_ inputs: KernelInputs) throws -> [Value] {
        let condition = try inputs.tensor(0)
        let x = try inputs.tensor(1)
        let y = try inputs.tensor(2)
        guard let c = condition.elements(Bool.self) else {
            throw OpError.unsupportedType(condition.dtype, input: 0, expected: "bool")
        }
        guard x.dtype == y.dtype else { throw OpError.typeMismatch(x.dtype, y.dtype, inputs: (1, 2)) }
        let shape = try Elementwise.broadcastShape([condition.shape, x.shape, y.shape])
        let select = Select(condition: c, conditionShape: condition.shape, xShape: x.shape, yShape: y.shape, shape: shape)
        let storage: TensorStorage
        switch (x.storage, y.storage) {
        case (.float32(let a), .float32(let b)): storage = .float32(select(a, b))
        case (.float64(let a), .float64(let b)): storage = .float64(select(a, b))
        case (.float16(let a), .float16(let b)): storage = .float16(select(a, b))
        case (.int8(let a), .int8(let b)): storage = .int8(select(a, b))
        case (.int16(let a), .int16(let b)): storage = .int16(select(a, b))
        case (.int32(let a), .int32(let b)): storage = .int32(select(a, b))
        case (.int64(let a), .int64(let b)): storage = .int64(select(a, b))
        case (.uint8(let a), .uint8(let b)): storage = .uint8(select(a, b))
        case (.uint16(let a), .uint16(let b)): storage = .uint16(select(a, b))
        case (.uint32(let a), .uint32(let b)): storage = .uint32(select(a, b))
        case (.uint64(let a), .uint64(let b)): storage = .uint64(select(a, b))
        case (.bool(let a), .bool(let b)): storage = .bool(select(a, b))
        case (.string(let a), .string(let b)): storage = .string(select(a, b))
        default: throw OpError.typeMismatch(x.dtype, y.dtype, inputs: (1, 2))
        }
        return [.tensor(try Tensor(shape: shape, storage: storage))]
    }

    /// The selection for one set of broadcast shapes.
    private struct Select {
        let condition: [Bool]
        let conditionShape: [Int]
        let xShape: [Int]
        let yShape: [Int]
        let shape: [Int]

        var xCount: Int { Shape.count(xShape) }
        var yCount: Int { Shape.count(yShape) }

        func callAsFunction<T: TensorElement>(_ x: [T], _ y: [T]) -> [T] {
            let n = Shape.count(shape)
            if n == 0 { return [] }
            return [T](pooledCapacity: n) { out, written in
                condition.withUnsafeBufferPointer { c in
                    x.withUnsafeBufferPointer { a in
                        y.withUnsafeBufferPointer { b in
                            guard let dst = out.baseAddress, let c = c.baseAddress,
                                  let a = a.baseAddress, let b = b.baseAddress else { return }
                            fill(dst, n, c, a, b)
                        }
                    }
                }
                written = n
            }
        }

        @inline(__always)
        private func fill<T>(_ dst: UnsafeMutablePointer<T>, _ n: Int, _ c: UnsafePointer<Bool>, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>) {
            let counts = (condition.count, xCount, yCount)
            if counts == (n, n, n) {
                for i in 0..<n { (dst + i).initialize(to: c[i] ? a[i] : b[i]) }
                return
            }
            // An operand with as many elements as the output has its layout; one with a single
            // element is a scalar. Either way one flat loop covers the output.
            if [counts.0, counts.1, counts.2].allSatisfy({ $0 == n || $0 == 1 }) {
                let sc = counts.0 == n ? 1 : 0, sa = counts.1 == n ? 1 : 0, sb = counts.2 == n ? 1 : 0
                for i in 0..<n { (dst + i).initialize(to: c[i &* sc] ? a[i &* sa] : b[i &* sb]) }
                return
            }
            let strides = [conditionShape, xShape, yShape].map { Shape.broadcastStrides($0, to: shape) }
            var o = 0
            Broadcast.forEachRun(shape, strides) { offsets, inner, steps in
                var ic = offsets[0], ia = offsets[1], ib = offsets[2]
                let sc = steps[0], sa = steps[1], sb = steps[2]
                for _ in 0..<inner {
                    (dst + o).initialize(to: c[ic] ? a[ia] : b[ib])
                    o += 1
                    ic += sc
                    ia += sa
                    ib += sb
                }
            }
        }
    }
}
