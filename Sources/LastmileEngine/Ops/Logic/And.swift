/// And: the logical conjunction of two bool tensors.
struct AndOperation: ElementPairOperation, Sendable {
    @inline(__always) func callAsFunction(_ a: Bool, _ b: Bool) -> Bool { a && b }
}
