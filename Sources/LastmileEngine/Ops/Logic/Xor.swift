/// Xor: the logical exclusive or of two bool tensors.
struct XorOperation: ElementPairOperation, Sendable {
    @inline(__always) func callAsFunction(_ a: Bool, _ b: Bool) -> Bool { a != b }
}
