import LastmileTensor

/// `If`: runs `then_branch` or `else_branch` depending on a boolean condition.
struct If: Kernel {
    let thenBranch: Subgraph
    let elseBranch: Subgraph

    init(_ ctx: NodeContext) throws {
        thenBranch = try ctx.subgraph("then_branch")
        elseBranch = try ctx.subgraph("else_branch")
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let condition = try inputs.tensor(0)
        guard condition.count == 1, let flag = try condition.cast(to: .bool).elements(Bool.self)?.first else {
            throw OpError("the condition must hold exactly one value, got shape \(condition.shape)")
        }
        return try (flag ? thenBranch : elseBranch).run([], captured: inputs.captured)
    }
}
