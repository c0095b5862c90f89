import LastmileTensor

/// SequenceEmpty (opset 11): an empty sequence. The element type (`dtype`) is checked but not
/// kept: an empty `Value.sequence` carries no type.
struct SequenceEmptyKernel: Kernel {
    init(_ ctx: NodeContext) throws {
        if let code = try ctx.optionalInt("dtype"), DType(onnxCode: code) == nil {
            throw OpError.unsupported("dtype \(code) is not a tensor type Lastmile supports")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        [.sequence([])]
    }
}
