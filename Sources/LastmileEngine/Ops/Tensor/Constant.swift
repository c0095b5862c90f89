import LastmileTensor

/// Constant (opsets 1-23): the tensor given by exactly one of `value`, `value_float(s)`,
/// `value_int(s)` or `value_string(s)`; `sparse_value` is refused.
struct ConstantKernel: Kernel {
    let value: Tensor

    init(_ ctx: NodeContext) throws {
        if ctx.has("sparse_value") {
            throw OpError("attribute \"sparse_value\" is not supported; store the constant as a dense \"value\" tensor")
        }
        var candidates: [Tensor] = []
        if let tensor = try ctx.optionalTensor("value") { candidates.append(tensor) }
        if let float = try ctx.optionalFloat("value_float") { candidates.append(Tensor(scalar: float)) }
        if let floats = try ctx.optionalFloats("value_floats") { candidates.append(Tensor(unchecked: [floats.count], floats)) }
        if let int = try ctx.optionalInt("value_int") { candidates.append(Tensor(scalar: Int64(int))) }
        if let ints = try ctx.optionalInts("value_ints") { candidates.append(Tensor(unchecked: [ints.count], ints.map { Int64($0) })) }
        if let string = try ctx.optionalString("value_string") { candidates.append(Tensor(scalar: string)) }
        if let strings = try ctx.optionalStrings("value_strings") { candidates.append(Tensor(unchecked: [strings.count], strings)) }
        guard candidates.count == 1, let value = candidates.first else {
            throw OpError(
                "exactly one of the attributes value, value_float, value_floats, value_int, value_ints, value_string, "
                    + "value_strings must be set, got \(candidates.count)")
        }
        self.value = value
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        [.tensor(value)]
    }
}
