import LastmileTensor

/// IsInf: whether each element of a float tensor is infinite, counting +inf when
/// `detect_positive` is 1 and -inf when `detect_negative` is 1 (both default to 1).
struct IsInfKernel: Kernel {
    let positive: Bool
    let negative: Bool

    init(_ ctx: NodeContext) throws {
        positive = try ctx.int("detect_positive", default: 1) != 0
        negative = try ctx.int("detect_negative", default: 1) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let result: [Bool]
        switch x.storage {
        case .float32(let a): result = detect(a)
        case .float64(let a): result = detect(a)
        case .float16(let a): result = detect(a)
        default: throw OpError.unsupportedType(x.dtype, expected: NumericTypes.floatsOnly.description)
        }
        return [.tensor(x.with(storage: .bool(result)))]
    }

    private func detect<T: BinaryFloatingPoint>(_ values: [T]) -> [Bool] {
        let positive = self.positive, negative = self.negative
        return Elementwise.map(values) { ($0 == .infinity && positive) || ($0 == -.infinity && negative) }
    }
}
