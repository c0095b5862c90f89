import LastmileTensor

/// ai.onnx.ml ZipMap (opset 1): turns `[N, C]` float scores into a sequence of N maps from
/// class label to score. As onnxruntime (which builds a `std::map`), each map's keys are sorted
/// and a repeated label keeps its last score.
struct ZipMapKernel: Kernel {
    let labels: MLLabels
    /// Label positions in key order, after sorting and removing repeats (last one wins).
    let order: [Int]
    let keys: Tensor

    init(_ ctx: NodeContext) throws {
        let ints = try ctx.ints("classlabels_int64s", default: [])
        let strings = try ctx.strings("classlabels_strings", default: [])
        guard ints.isEmpty != strings.isEmpty else {
            throw OpError("exactly one of \"classlabels_int64s\" and \"classlabels_strings\" must be given")
        }
        if !strings.isEmpty {
            labels = .strings(strings)
            var last: [String: Int] = [:]
            for (i, s) in strings.enumerated() { last[s] = i }
            let sorted = last.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            order = sorted.map { last[$0] ?? 0 }
            keys = Tensor(unchecked: [sorted.count], sorted)
        } else {
            labels = .ints(ints.map { Int64($0) })
            var last: [Int64: Int] = [:]
            for (i, v) in ints.enumerated() { last[Int64(v)] = i }
            let sorted = last.keys.sorted()
            order = sorted.map { last[$0] ?? 0 }
            keys = Tensor(unchecked: [sorted.count], sorted)
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank == 1 || x.rank == 2 else {
            throw OpError("ZipMap expects a 1-D or 2-D input, got shape \(x.shape)")
        }
        let rows = x.rank == 2 ? x.shape[0] : 1
        let columns = x.shape[x.rank - 1]
        guard columns == labels.count else {
            throw OpError("ZipMap input has \(columns) columns but there are \(labels.count) class labels")
        }
        let values = try MLInput.floats(x, op: "ZipMap")
        var maps: [Value] = []
        maps.reserveCapacity(rows)
        for r in 0..<rows {
            let row = order.map { values[r * columns + $0] }
            maps.append(.map(try MapValue(keys: keys, values: Tensor(unchecked: [row.count], row))))
        }
        return [.sequence(maps)]
    }
}
