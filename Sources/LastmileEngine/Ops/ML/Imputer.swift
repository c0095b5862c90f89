import LastmileTensor

/// ai.onnx.ml Imputer (opset 1): replaces elements equal to the replaced value (NaN matches NaN)
/// with the imputed value of their feature, or the single imputed value for all features.
struct ImputerKernel: Kernel {
    let imputedFloats: [Float]
    let imputedInts: [Int64]
    let replacedFloat: Float
    let replacedInt: Int64

    init(_ ctx: NodeContext) throws {
        imputedFloats = try ctx.floats("imputed_value_floats", default: [])
        imputedInts = try ctx.ints("imputed_value_int64s", default: []).map { Int64($0) }
        replacedFloat = try ctx.float("replaced_value_float", default: 0)
        replacedInt = Int64(try ctx.int("replaced_value_int64", default: 0))
        guard imputedFloats.isEmpty != imputedInts.isEmpty else {
            throw OpError("exactly one of \"imputed_value_floats\" and \"imputed_value_int64s\" must be given")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        guard x.rank >= 1 else { throw OpError("Imputer expects an input of rank 1 or more, got a scalar") }
        let stride = x.rank == 1 ? x.shape[0] : x.shape[1]
        switch x.storage {
        case .float32(let a):
            return [.tensor(Tensor(unchecked: x.shape, try imputeFloat(a, stride)))]
        case .float64(let a):
            return [.tensor(Tensor(unchecked: x.shape, try imputeFloat(a, stride)))]
        case .int64(let a):
            return [.tensor(Tensor(unchecked: x.shape, try imputeInt(a, stride)))]
        case .int32(let a):
            return [.tensor(Tensor(unchecked: x.shape, try imputeInt(a, stride)))]
        default:
            throw OpError("Imputer does not accept a \(x.dtype) input; expected float, double, int64 or int32")
        }
    }

    private func imputeFloat<T: BinaryFloatingPoint>(_ values: [T], _ stride: Int) throws -> [T] {
        guard !imputedFloats.isEmpty else {
            throw OpError("Imputer has no \"imputed_value_floats\" for a floating-point input")
        }
        let replaced = T(replacedFloat)
        let perFeature = imputedFloats.count == stride
        let imputed = imputedFloats.map { T($0) }
        var out = values
        for i in values.indices {
            let v = values[i]
            if v == replaced || (v.isNaN && replaced.isNaN) {
                out[i] = imputed[perFeature ? i % stride : 0]
            }
        }
        return out
    }

    private func imputeInt<T: FixedWidthInteger>(_ values: [T], _ stride: Int) throws -> [T] {
        guard !imputedInts.isEmpty else {
            throw OpError("Imputer has no \"imputed_value_int64s\" for an integer input")
        }
        let perFeature = imputedInts.count == stride
        var out = values
        for i in values.indices where Int64(values[i]) == replacedInt {
            out[i] = T(truncatingIfNeeded: imputedInts[perFeature ? i % stride : 0])
        }
        return out
    }
}
