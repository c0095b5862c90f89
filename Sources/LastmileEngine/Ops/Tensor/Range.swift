import LastmileTensor

/// Range (opset 11): `start, start + delta, ...` while short of `limit`, from three scalars of
/// one numeric type. Values accumulate by repeated addition, as the spec's reference loop (and
/// onnxruntime) does.
struct RangeKernel: Kernel {
    init(_ ctx: NodeContext) {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let start = try inputs.tensor(0)
        let limit = try inputs.tensor(1)
        let delta = try inputs.tensor(2)
        for (name, tensor) in [("start", start), ("limit", limit), ("delta", delta)] {
            guard tensor.count == 1 else { throw OpError("\(name) must be a scalar, got shape \(tensor.shape)") }
            guard tensor.dtype == start.dtype else {
                throw OpError("\(name) is \(tensor.dtype) but start is \(start.dtype)")
            }
        }
        let generate = Generate(limit: limit.storage, delta: delta.storage)
        return [.tensor(try TensorOps.visitNumeric(start.storage, generate, "start"))]
    }

    private struct Generate: TensorOps.NumericVisitor {
        let limit: TensorStorage
        let delta: TensorStorage

        func visit<T: TensorOps.Arithmetic>(_ values: [T]) throws -> Tensor {
            guard let start = values.first, let limit = T.elements(of: limit)?.first,
                let delta = T.elements(of: delta)?.first
            else { throw OpError("start, limit and delta must be scalars of one type") }
            guard delta != 0 else { throw OpError("delta must not be 0") }
            let count = try Self.count(start: start, limit: limit, delta: delta)
            var out: [T] = []
            out.reserveCapacity(count)
            var value = start
            for i in 0..<count {
                out.append(value)
                if i + 1 < count { value = T.wrappingAdd(value, delta) }
            }
            return Tensor(unchecked: [count], out)
        }

        /// max(ceil((limit - start) / delta), 0), exactly for integers.
        private static func count<T: TensorOps.Arithmetic>(start: T, limit: T, delta: T) throws -> Int {
            let steps: Double
            if T.dtype.isFloatingPoint {
                steps = ((limit - start).doubleValue / delta.doubleValue).rounded(.up)
            } else {
                guard let s = exactInteger(start), let l = exactInteger(limit), let d = exactInteger(delta) else {
                    throw OpError("the range from \(start) to \(limit) by \(delta) is too large")
                }
                let (difference, overflow) = l.subtractingReportingOverflow(s)
                let (quotient, divisionOverflow) = difference.dividedReportingOverflow(by: d)
                guard !overflow, !divisionOverflow else {
                    throw OpError("the range from \(start) to \(limit) by \(delta) is too large")
                }
                let roundsUp = quotient * d != difference && (difference < 0) == (d < 0)
                steps = Double(max(roundsUp ? quotient + 1 : quotient, 0))
            }
            guard !steps.isNaN else { throw OpError("the range from \(start) to \(limit) by \(delta) is undefined") }
            guard steps < Double(TensorOps.maxElements) else {
                throw OpError("the range from \(start) to \(limit) by \(delta) has more than \(TensorOps.maxElements) elements")
            }
            return max(Int(steps), 0)
        }

        /// The value of an integer element as Int64, or nil when it does not fit.
        private static func exactInteger<T: NumericElement>(_ value: T) -> Int64? {
            if let v = value as? Int64 { return v }
            if let v = value as? UInt64 { return Int64(exactly: v) }
            return Int64(exactly: value.doubleValue)
        }
    }
}
