import LastmileTensor

/// Not: the logical negation of a bool tensor.
struct NotKernel: Kernel {
    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard let values = x.elements(Bool.self) else { throw OpError.unsupportedType(x.dtype, expected: "bool") }
        return [.tensor(x.with(storage: .bool(Elementwise.map(values) { !$0 })))]
    }
}
