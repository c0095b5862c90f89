import LastmileTensor

/// IsNaN: whether each element of a float tensor is NaN.
struct IsNaNKernel: Kernel {
    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let result: [Bool]
        switch x.storage {
        case .float32(let a): result = Elementwise.map(a) { $0.isNaN }
        case .float64(let a): result = Elementwise.map(a) { $0.isNaN }
        case .float16(let a): result = Elementwise.map(a) { $0.isNaN }
        default: throw OpError.unsupportedType(x.dtype, expected: NumericTypes.floatsOnly.description)
        }
        return [.tensor(x.with(storage: .bool(result)))]
    }
}
