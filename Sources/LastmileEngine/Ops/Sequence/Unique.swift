import LastmileTensor

/// Unique (opset 11): the unique elements of the flattened input, or the unique slices along
/// `axis`, sorted ascending (lexicographically for slices) or in order of first occurrence
/// (`sorted` = 0). Outputs Y, the first-occurrence indices, the inverse indices and the counts.
struct UniqueKernel: Kernel {
    let axis: Int?
    let sorted: Bool

    init(_ ctx: NodeContext) throws {
        axis = try ctx.optionalInt("axis")
        sorted = try ctx.int("sorted", default: 1) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let input = try inputs.tensor(0)
        var moved = input.reshaped(unchecked: [input.count])
        var a = 0
        if let axis {
            a = try TensorOps.axis(axis, rank: input.rank)
            var perm = Array(0..<input.rank)
            perm.remove(at: a)
            perm.insert(a, at: 0)
            moved = try input.transposed(perm)
        }
        let slices = moved.shape.first ?? 1
        let size = slices == 0 ? 0 : moved.count / slices
        let groups: Groups
        switch moved.storage {
        case .float32(let v): groups = Groups(v, slices: slices, size: size, sorted: sorted)
        case .float64(let v): groups = Groups(v, slices: slices, size: size, sorted: sorted)
        case .float16(let v): groups = Groups(v, slices: slices, size: size, sorted: sorted)
        case .int8(let v): groups = Groups(v, slices: slices, size: size, sorted: sorted)
        case .int16(let v): groups = Groups(v, slices: slices, size: size, sorted: sorted)
        case .int32(let v): groups = Groups(v, slices: slices, size: size, sorted: sorted)
        case .int64(let v): groups = Groups(v, slices: slices, size: size, sorted: sorted)
        case .uint8(let v): groups = Groups(v, slices: slices, size: size, sorted: sorted)
        case .uint16(let v): groups = Groups(v, slices: slices, size: size, sorted: sorted)
        case .uint32(let v): groups = Groups(v, slices: slices, size: size, sorted: sorted)
        case .uint64(let v): groups = Groups(v, slices: slices, size: size, sorted: sorted)
        case .bool(let v): groups = Groups(v.map { $0 ? UInt8(1) : 0 }, slices: slices, size: size, sorted: sorted)
        case .string(let v): groups = Groups(v, slices: slices, size: size, sorted: sorted)
        }
        var yShape = moved.shape
        if !yShape.isEmpty { yShape[0] = groups.first.count }
        var y = try TensorOps.map(moved, to: yShape, TensorOps.OffsetGather(offsets: groups.first.map { $0 * size }, size: size))
        if axis != nil {
            var perm = Array(1..<input.rank)
            perm.insert(0, at: a)
            y = try y.transposed(perm)
        }
        let n = groups.first.count
        return [
            .tensor(y),
            .tensor(Tensor(unchecked: [n], groups.first.map(Int64.init))),
            .tensor(Tensor(unchecked: [slices], groups.inverse.map(Int64.init))),
            .tensor(Tensor(unchecked: [n], groups.counts.map(Int64.init))),
        ]
    }

    /// The unique slices of a `[slices, size]` array: each one's first index and count, in
    /// output order, and the output position of every slice.
    private struct Groups {
        var first: [Int] = []
        var counts: [Int] = []
        var inverse: [Int]

        init<T: Comparable>(_ values: [T], slices: Int, size: Int, sorted: Bool) {
            func less(_ i: Int, _ j: Int) -> Bool {
                for k in 0..<size where values[i * size + k] != values[j * size + k] {
                    return values[i * size + k] < values[j * size + k]
                }
                return false
            }
            // Sorting by (slice, index) makes each run of equal slices start at its first occurrence.
            let order = (0..<slices).sorted { i, j in
                less(i, j) || (!less(j, i) && i < j)
            }
            inverse = [Int](repeating: 0, count: slices)
            var groupOf = [Int](repeating: 0, count: slices)
            for (position, index) in order.enumerated() {
                if position == 0 || less(order[position - 1], index) {
                    first.append(index)
                    counts.append(0)
                }
                groupOf[index] = first.count - 1
                counts[first.count - 1] += 1
            }
            var rank = Array(0..<first.count)
            if !sorted {
                let byOccurrence = rank.sorted { first[$0] < first[$1] }
                first = byOccurrence.map { first[$0] }
                counts = byOccurrence.map { counts[$0] }
                for (position, group) in byOccurrence.enumerated() { rank[group] = position }
            }
            for index in 0..<slices { inverse[index] = rank[groupOf[index]] }
        }
    }
}
