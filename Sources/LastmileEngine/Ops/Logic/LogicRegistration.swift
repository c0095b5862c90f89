extension OpRegistry {
    /// Registers the Logic family of ops.
    mutating func registerLogicOps() {
        register("Equal") { ctx in try ComparisonKernel(EqualFunction(), ctx) }
        register("Greater") { ctx in try ComparisonKernel(GreaterFunction(), ctx) }
        register("Less") { ctx in try ComparisonKernel(LessFunction(), ctx) }
        register("GreaterOrEqual") { ctx in try ComparisonKernel(GreaterOrEqualFunction(), ctx) }
        register("LessOrEqual") { ctx in try ComparisonKernel(LessOrEqualFunction(), ctx) }
        register("And") { ctx in try LogicalKernel(AndOperation(), ctx) }
        register("Or") { ctx in try LogicalKernel(OrOperation(), ctx) }
        register("Xor") { ctx in try LogicalKernel(XorOperation(), ctx) }
        register("Not") { _ in NotKernel() }
        register("Where") { _ in WhereKernel() }
        register("IsNaN") { _ in IsNaNKernel() }
        register("IsInf") { ctx in try IsInfKernel(ctx) }
    }
}
