import LastmileTensor

/// DynamicQuantizeLinear (opset 11): quantizes a float32 tensor to uint8 with a scale and zero
/// point chosen from its range (widened to include 0): `y_scale = (max - min) / 255`,
/// `y_zero_point = round(clamp(-min / y_scale, 0, 255))`.
struct DynamicQuantizeLinearKernel: Kernel {
    init(_ ctx: NodeContext) throws {}

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard case .float32(let values) = x.storage else {
            throw OpError("x must be float32, got \(x.dtype)")
        }
        var lo: Float = 0, hi: Float = 0
        values.withUnsafeBufferPointer { p in
            for v in p {
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        let scale = (hi == lo ? 1 : hi - lo) / 255
        let zero = min(max(-lo / scale, 0), 255).rounded(.toNearestOrEven)
        let q = [UInt8](pooledCapacity: values.count) { out, written in
            values.withUnsafeBufferPointer { p in
                for i in 0..<p.count {
                    let v = (p[i] / scale).rounded(.toNearestOrEven) + zero
                    out.initializeElement(at: i, to: v.isNaN ? 0 : UInt8(min(max(v, 0), 255)))
                }
            }
            written = values.count
        }
        return [
            .tensor(Tensor(unchecked: x.shape, q)),
            .tensor(Tensor(scalar: scale)),
            .tensor(Tensor(scalar: zero.isNaN ? 0 : UInt8(zero))),
        ]
    }
}
