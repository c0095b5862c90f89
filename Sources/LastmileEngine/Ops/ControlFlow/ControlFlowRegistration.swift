extension OpRegistry {
    /// Registers the control-flow ops, whose bodies are subgraphs: If, Loop, Scan.
    mutating func registerControlFlowOps() {
        register("If") { ctx in try If(ctx) }
        register("Loop") { ctx in try Loop(ctx) }
        register("Scan") { ctx in try Scan(ctx) }
    }
}
