import LastmileTensor

/// Shape (opsets 1-23): the input's shape as a 1-D int64 tensor; from opset 15 `start` and `end`
/// (negative from the back, clamped to [0, rank]) select a range of axes.
struct ShapeKernel: Kernel {
    let start: Int
    let end: Int?

    init(_ ctx: NodeContext) throws {
        start = ctx.opset >= 15 ? try ctx.int("start", default: 0) : 0
        end = ctx.opset >= 15 ? try ctx.optionalInt("end") : nil
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let shape = try inputs.tensor(0).shape
        let rank = shape.count
        func clamp(_ i: Int) -> Int { min(max(i < 0 ? i + rank : i, 0), rank) }
        let first = clamp(start)
        let last = max(clamp(end ?? rank), first)
        let dims = shape[first..<last].map { Int64($0) }
        return [.tensor(Tensor(unchecked: [dims.count], dims))]
    }
}
