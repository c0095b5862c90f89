import LastmileTensor

/// MatMulInteger (opset 10): numpy `matmul` of int8/uint8 A and B after subtracting their
/// zero points, giving int32. `a_zero_point` is a scalar or one value per row of A (M values);
/// `b_zero_point` a scalar or one value per column of B (N values).
struct MatMulIntegerKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let a = try inputs.tensor(0)
        let b = try inputs.tensor(1)
        guard a.rank >= 1, b.rank >= 1 else {
            throw OpError("MatMulInteger needs operands of rank 1 or more, got shapes \(a.shape) and \(b.shape)")
        }
        // Row i of A is the second-to-last axis; a 1-D A is one row.
        let aRows = a.rank >= 2 ? a.shape[a.rank - 2] : 1
        let aRowLength = a.shape[a.rank - 1]
        let bColumns = b.rank >= 2 ? b.shape[b.rank - 1] : 1
        let aShifted = try Self.centred(a, zeroPoint: inputs.optionalTensor(2), name: "a_zero_point", groups: aRows) { i in
            (i / max(aRowLength, 1)) % max(aRows, 1)
        }
        let bShifted = try Self.centred(b, zeroPoint: inputs.optionalTensor(3), name: "b_zero_point", groups: bColumns) { i in
            i % max(bColumns, 1)
        }
        do {
            try MatMulKernel.checkOutputSize(a.shape, b.shape)
            return [.tensor(try Tensor.matmul(
                Tensor(unchecked: a.shape, aShifted), Tensor(unchecked: b.shape, bShifted)))]
        } catch let error as TensorError {
            throw OpError(error.message)
        }
    }

    /// The elements of an int8/uint8 tensor as Int32 minus their zero point, where element `i`
    /// uses zero point `group(i)` when the zero point has `groups` values.
    private static func centred(
        _ x: Tensor, zeroPoint: Tensor?, name: String, groups: Int, group: (Int) -> Int
    ) throws -> [Int32] {
        let values: [Int32]
        switch x.storage {
        case .int8(let v): values = v.map { Int32($0) }
        case .uint8(let v): values = v.map { Int32($0) }
        default: throw OpError("MatMulInteger needs int8 or uint8 inputs, got \(x.dtype)")
        }
        guard let zeroPoint else { return values }
        guard zeroPoint.dtype == x.dtype, let points = zeroPoint.ints, points.count == 1 || points.count == groups else {
            throw OpError(
                "\(name) must be a \(x.dtype) scalar or have \(groups) values, got \(zeroPoint.dtype) of shape \(zeroPoint.shape)")
        }
        if points.count == 1 {
            let z = Int32(points[0])
            return values.map { $0 - z }
        }
        let z = points.map { Int32($0) }
        return values.indices.map { values[$0] - z[group($0)] }
    }
}
