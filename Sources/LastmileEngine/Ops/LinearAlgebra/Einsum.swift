import LastmileTensor

/// Einsum (opset 12): sums products of the operands over the subscripts missing from the
/// output, with `...` broadcasting, repeated subscripts taking diagonals, and the implicit
/// form (no `->`) producing the subscripts that occur once, in ASCII order, after the
/// ellipsis axes.
///
/// Two operands that make a plain (batched) contraction go through `Tensor.matmul` (OpenBLAS
/// for float32/float64) after transposing; anything else runs a direct loop over every
/// subscript combination. float16 computes in Float.
struct EinsumKernel: Kernel {
    let equation: EinsumEquation

    init(_ ctx: NodeContext) throws {
        equation = try EinsumEquation(ctx.string("equation"))
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        guard inputs.count == equation.inputs.count else {
            throw OpError("Einsum equation has \(equation.inputs.count) terms but the node has \(inputs.count) inputs")
        }
        let operands = try (0..<inputs.count).map { try inputs.tensor($0) }
        guard let dtype = operands.first?.dtype, operands.allSatisfy({ $0.dtype == dtype }) else {
            throw OpError("Einsum operands must all have one type, got \(operands.map(\.dtype))")
        }
        for operand in operands { try ReductionAxes.validate(operand.shape) }
        let plan = try EinsumPlan(equation, shapes: operands.map(\.shape))
        if let result = try plan.contractWithMatMul(operands) { return [.tensor(result)] }
        let shape = plan.outputShape
        switch dtype {
        case .float32: return [.tensor(Tensor(unchecked: shape, plan.evaluate(try typed(operands, Float.self))))]
        case .float64: return [.tensor(Tensor(unchecked: shape, plan.evaluate(try typed(operands, Double.self))))]
        case .float16:
            let values = plan.evaluate(try operands.map { try $0.cast(to: .float32) }.map { $0.elements(Float.self) ?? [] })
            return [.tensor(Tensor(unchecked: shape, values.map { Float16($0) }))]
        case .int8: return [.tensor(Tensor(unchecked: shape, plan.evaluate(try typed(operands, Int8.self))))]
        case .int16: return [.tensor(Tensor(unchecked: shape, plan.evaluate(try typed(operands, Int16.self))))]
        case .int32: return [.tensor(Tensor(unchecked: shape, plan.evaluate(try typed(operands, Int32.self))))]
        case .int64: return [.tensor(Tensor(unchecked: shape, plan.evaluate(try typed(operands, Int64.self))))]
        case .uint8: return [.tensor(Tensor(unchecked: shape, plan.evaluate(try typed(operands, UInt8.self))))]
        case .uint16: return [.tensor(Tensor(unchecked: shape, plan.evaluate(try typed(operands, UInt16.self))))]
        case .uint32: return [.tensor(Tensor(unchecked: shape, plan.evaluate(try typed(operands, UInt32.self))))]
        case .uint64: return [.tensor(Tensor(unchecked: shape, plan.evaluate(try typed(operands, UInt64.self))))]
        case .bool, .string: throw OpError("Einsum does not support \(dtype) tensors")
        }
    }

    private func typed<T: TensorElement>(_ operands: [Tensor], _: T.Type) throws -> [[T]] {
        try operands.map { operand in
            guard let values = operand.elements(T.self) else { throw OpError("Einsum operand type mismatch") }
            return values
        }
    }
}
