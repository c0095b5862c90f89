/// Or: the logical disjunction of two bool tensors.
struct OrOperation: ElementPairOperation, Sendable {
    @inline(__always) func callAsFunction(_ a: Bool, _ b: Bool) -> Bool { a || b }
}
