import LastmileTensor

/// QLinearMatMul (opsets 10, 21): numpy `matmul` of quantized A and B, requantized:
/// `y = saturate(round((A - a_zp)(B - b_zp) * a_scale * b_scale / y_scale) + y_zp)`.
/// `a_scale`/`a_zero_point` may be per row of A, `b_scale`/`b_zero_point` per column of B.
/// The integer product is computed exactly in float64 through BLAS.
struct QLinearMatMulKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let a = try inputs.tensor(0)
        let b = try inputs.tensor(3)
        guard a.rank >= 1, b.rank >= 1 else {
            throw OpError("QLinearMatMul needs operands of rank 1 or more, got shapes \(a.shape) and \(b.shape)")
        }
        let rows = a.rank >= 2 ? a.shape[a.rank - 2] : 1
        let columns = b.rank >= 2 ? b.shape[b.rank - 1] : 1
        let aScale = try Self.vector(inputs.tensor(1), "a_scale", count: rows)
        let bScale = try Self.vector(inputs.tensor(4), "b_scale", count: columns)
        let yScaleTensor = try inputs.tensor(6)
        let yScale = try Self.vector(yScaleTensor, "y_scale", count: 1)
        let aZero = try inputs.optionalTensor(2)
        let bZero = try inputs.optionalTensor(5)
        let yZero = try inputs.optionalTensor(7)
        let outType = yZero?.dtype ?? a.dtype
        let (lo, hi) = try Quantization.range(outType)
        let aCentred = try Self.centred(a, aZero, "a_zero_point", groups: rows) { i in (i / max(a.shape[a.rank - 1], 1)) % max(rows, 1) }
        let bCentred = try Self.centred(b, bZero, "b_zero_point", groups: columns) { i in i % max(columns, 1) }
        let product = try TensorOps.rethrowing {
            try MatMulKernel.checkOutputSize(a.shape, b.shape)
            return try Tensor.matmul(Tensor(unchecked: a.shape, aCentred), Tensor(unchecked: b.shape, bCentred))
        }
        guard let acc = product.elements(Double.self) else { throw OpError("internal: matmul returned \(product.dtype)") }
        let yZeros = try yZero.map { try Quantization.int32s($0, "y_zero_point") } ?? [0]
        guard yZeros.count == 1 else { throw OpError("y_zero_point must be a scalar, got shape \(yZero?.shape ?? [])") }
        let zp = Double(yZeros[0])
        // The multiplier is computed in the scales' own type, as the reference does.
        let half = yScaleTensor.dtype == .float16
        let multipliers: [Double] = (0..<(rows * columns)).map { k in
            let ab = aScale[aScale.count == 1 ? 0 : k / columns] * bScale[bScale.count == 1 ? 0 : k % columns]
            return half ? Double(Float16(Float(Float16(ab)) / yScale[0])) : Double(ab / yScale[0])
        }
        let plane = max(rows * columns, 1)
        let y = [Double](pooledCapacity: acc.count) { out, written in
            for i in 0..<acc.count {
                let v = (acc[i] * multipliers[i % plane] + zp).rounded(.toNearestOrEven)
                out.initializeElement(at: i, to: min(max(v, lo), hi))
            }
            written = acc.count
        }
        return [.tensor(product.with(storage: try Quantization.saturated(y, as: outType)))]
    }

    /// A scale with one value or `count` values, as Float.
    private static func vector(_ t: Tensor, _ what: String, count: Int) throws -> [Float] {
        let v = try Quantization.floats(t, what)
        guard v.count == 1 || v.count == count else {
            throw OpError("\(what) must be a scalar or have \(count) values, got shape \(t.shape)")
        }
        return v
    }

    /// The elements of a quantized tensor as Double minus their zero point, where element `i`
    /// uses zero point `group(i)` when the zero point has `groups` values.
    private static func centred(
        _ x: Tensor, _ zeroPoint: Tensor?, _ what: String, groups: Int, group: (Int) -> Int
    ) throws -> [Double] {
        let values = try Quantization.int32s(x, what == "a_zero_point" ? "a" : "b")
        guard let zeroPoint else { return values.map(Double.init) }
        let points = try Quantization.int32s(zeroPoint, what)
        guard zeroPoint.dtype == x.dtype, points.count == 1 || points.count == groups else {
            throw OpError("\(what) must be a \(x.dtype) scalar or have \(groups) values, got \(zeroPoint.dtype) of shape \(zeroPoint.shape)")
        }
        if points.count == 1 {
            let z = points[0]
            return values.map { Double($0 - z) }
        }
        return values.indices.map { Double(values[$0] - points[group($0)]) }
    }
}
