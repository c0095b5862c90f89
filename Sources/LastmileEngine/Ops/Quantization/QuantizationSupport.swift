import LastmileTensor

/// Shared machinery of the Quantization family: how scales and zero points map onto the
/// elements of the quantized tensor, and typed conversions of the integer types.
enum Quantization {
    /// Maps each element of a tensor to the scale (and zero point) it uses: one for the whole
    /// tensor, one per index along `axis`, or one per block of `block` indices along `axis`.
    struct Layout {
        var outer: Int
        var dim: Int
        var inner: Int
        var block: Int
        var outerStride: Int
        var axisStride: Int
        var innerStride: Int

        /// The layout for a tensor of `shape` whose scales have `scaleShape`.
        init(shape: [Int], scaleShape: [Int], axis rawAxis: Int, blockSize: Int) throws {
            let count = Shape.count(shape)
            if Shape.count(scaleShape) == 1 && (scaleShape.count <= 1 || blockSize > 0) {
                self.init(outer: 1, dim: 1, inner: count, block: 1, outerStride: 0, axisStride: 0, innerStride: 0)
                return
            }
            let axis = try TensorOps.axis(rawAxis, rank: shape.count)
            let outer = Shape.count(Array(shape[..<axis]))
            let inner = Shape.count(Array(shape[(axis + 1)...]))
            let dim = shape[axis]
            if blockSize <= 0 {
                guard scaleShape.count == 1, scaleShape[0] == dim else {
                    throw OpError(
                        "scale has shape \(scaleShape); expected a scalar or a 1-D tensor of \(dim) values (axis \(rawAxis) of \(shape))")
                }
                self.init(outer: outer, dim: dim, inner: inner, block: 1, outerStride: 0, axisStride: 1, innerStride: 0)
                return
            }
            let blocks = (dim + blockSize - 1) / blockSize
            var expected = shape
            expected[axis] = blocks
            guard scaleShape == expected else {
                throw OpError("scale has shape \(scaleShape); blocked quantization with block_size \(blockSize) on axis \(rawAxis) of \(shape) needs \(expected)")
            }
            self.init(
                outer: outer, dim: dim, inner: inner, block: blockSize,
                outerStride: blocks * inner, axisStride: inner, innerStride: 1)
        }

        private init(outer: Int, dim: Int, inner: Int, block: Int, outerStride: Int, axisStride: Int, innerStride: Int) {
            self.outer = outer
            self.dim = dim
            self.inner = inner
            self.block = block
            self.outerStride = outerStride
            self.axisStride = axisStride
            self.innerStride = innerStride
        }

        /// Calls `body(element, scaleIndex)` for every element in row-major order.
        @inline(__always)
        func forEach(_ body: (Int, Int) -> Void) {
            var i = 0
            for o in 0..<outer {
                for a in 0..<dim {
                    let base = o * outerStride + (a / block) * axisStride
                    if innerStride == 0 {
                        for _ in 0..<inner {
                            body(i, base)
                            i += 1
                        }
                    } else {
                        for j in 0..<inner {
                            body(i, base + j)
                            i += 1
                        }
                    }
                }
            }
        }
    }

    /// Refuses ONNX element types Lastmile has no tensor type for (float8, int4, bfloat16...).
    static func dtype(onnxCode code: Int, _ what: String) throws -> DType {
        guard let dtype = DType(onnxCode: code) else {
            throw OpError.unsupported("\(what) \(code) is an element type Lastmile does not support (float8, int4, bfloat16)")
        }
        return dtype
    }

    /// The elements of a float32/float16/float64 tensor as Float.
    static func floats(_ tensor: Tensor, _ what: String) throws -> [Float] {
        switch tensor.storage {
        case .float32(let v): return v
        case .float16(let v): return v.map { Float($0) }
        case .float64(let v): return v.map { Float($0) }
        default: throw OpError("\(what) must be a float tensor, got \(tensor.dtype)")
        }
    }

    /// The elements of a float32/float16/float64 tensor as Double.
    static func doubles(_ tensor: Tensor, _ what: String) throws -> [Double] {
        guard tensor.dtype.isFloatingPoint, let values = tensor.doubles else {
            throw OpError("\(what) must be a float tensor, got \(tensor.dtype)")
        }
        return values
    }

    /// The elements of an 8-, 16- or 32-bit integer tensor as Int32.
    static func int32s(_ tensor: Tensor, _ what: String) throws -> [Int32] {
        switch tensor.storage {
        case .int8(let v): return v.map { Int32($0) }
        case .uint8(let v): return v.map { Int32($0) }
        case .int16(let v): return v.map { Int32($0) }
        case .uint16(let v): return v.map { Int32($0) }
        case .int32(let v): return v
        default: throw OpError("\(what) must be an int8, uint8, int16, uint16 or int32 tensor, got \(tensor.dtype)")
        }
    }

    /// Storage of `dtype` (an 8- or 16-bit integer type) from values rounded in `C`, saturated
    /// to the type's range; NaN becomes 0.
    static func saturated<C: BinaryFloatingPoint>(_ values: [C], as dtype: DType) throws -> TensorStorage {
        switch dtype {
        case .int8: return .int8(saturated(values, Int8.self))
        case .uint8: return .uint8(saturated(values, UInt8.self))
        case .int16: return .int16(saturated(values, Int16.self))
        case .uint16: return .uint16(saturated(values, UInt16.self))
        case .int32: return .int32(saturated(values, Int32.self))
        default: throw OpError("quantized type must be int8, uint8, int16, uint16 or int32, got \(dtype)")
        }
    }

    static func saturated<C: BinaryFloatingPoint, Q: FixedWidthInteger>(_ values: [C], _: Q.Type) -> [Q] {
        let lo = C(Q.min), hi = C(Q.max)
        return values.map { v in
            if v.isNaN { return 0 }
            if v <= lo { return Q.min }
            if v >= hi { return Q.max }
            return Q(v)
        }
    }

    /// The range of a quantized integer type, as Double.
    static func range(_ dtype: DType) throws -> (Double, Double) {
        switch dtype {
        case .int8: return (-128, 127)
        case .uint8: return (0, 255)
        case .int16: return (-32768, 32767)
        case .uint16: return (0, 65535)
        case .int32: return (Double(Int32.min), Double(Int32.max))
        default: throw OpError("quantized type must be int8, uint8, int16, uint16 or int32, got \(dtype)")
        }
    }

    /// Checks that a zero point has the type and shape its scale requires.
    static func checkZeroPoint(_ zeroPoint: Tensor, scale: Tensor, dtype: DType?, _ what: String) throws {
        if let dtype, zeroPoint.dtype != dtype {
            throw OpError("\(what) has type \(zeroPoint.dtype), expected \(dtype)")
        }
        guard zeroPoint.count == scale.count, zeroPoint.count == 1 || zeroPoint.shape == scale.shape else {
            throw OpError("\(what) has shape \(zeroPoint.shape), expected the shape of its scale \(scale.shape)")
        }
    }
}
