import LastmileTensor

/// A convolution-like computation over float arrays (Conv, ConvTranspose).
protocol FloatConvolution {
    func run<T: GemmElement>(_ x: [T], _ w: [T], _ bias: [T]?) throws -> [T]
}

extension FloatConvolution {
    /// Runs on float32 or float64 inputs (float16 computes in Float) and shapes the result.
    func evaluate(_ x: Tensor, _ w: Tensor, _ b: Tensor?, outShape: [Int], op: String) throws -> Tensor {
        switch x.storage {
        case .float32(let xs):
            let y = try run(xs, try NormalizationSupport.values(w, as: Float.self, name: "W"),
                            try b.map { try NormalizationSupport.values($0, as: Float.self, name: "B") })
            return try Tensor(shape: outShape, elements: y)
        case .float64(let xs):
            let y = try run(xs, try NormalizationSupport.values(w, as: Double.self, name: "W"),
                            try b.map { try NormalizationSupport.values($0, as: Double.self, name: "B") })
            return try Tensor(shape: outShape, elements: y)
        case .float16(let xs):
            let y = try run(xs.map { Float($0) }, try NormalizationSupport.values(w, as: Float.self, name: "W"),
                            try b.map { try NormalizationSupport.values($0, as: Float.self, name: "B") })
            return try Tensor(shape: outShape, elements: y.map { Float16($0) })
        default:
            throw OpError.unsupported("\(op) does not support \(x.dtype) tensors")
        }
    }
}
