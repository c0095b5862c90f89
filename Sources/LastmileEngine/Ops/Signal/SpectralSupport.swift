import Foundation
import LastmileTensor

/// Shared machinery of the spectral ops (DFT, STFT, the windows, MelWeightMatrix).
enum Spectral {
    /// The discrete Fourier transform of complex lines.
    ///
    /// `twiddles` hold `cos`/`sin` of `2πk/length` for k in 0..<length, so each term costs two
    /// multiplies and a table read instead of a sine.
    struct Transform {
        let length: Int
        let bins: Int
        let inverse: Bool
        private let cosines: [Double]
        private let sines: [Double]

        init(length: Int, bins: Int, inverse: Bool) {
            self.length = length
            self.bins = bins
            self.inverse = inverse
            let step = 2 * Double.pi / Double(max(length, 1))
            cosines = (0..<length).map { Foundation.cos(step * Double($0)) }
            sines = (0..<length).map { Foundation.sin(step * Double($0)) }
        }

        /// Transforms `count` input samples (zero-padded or truncated to `length`) into `bins`
        /// outputs; inputs and outputs are (real, imaginary) pairs.
        func apply(
            real: (Int) -> Double, imag: (Int) -> Double, count: Int, into out: (Int, Double, Double) -> Void
        ) {
            let n = min(count, length)
            let sign: Double = inverse ? 1 : -1
            let norm = inverse ? 1 / Double(max(length, 1)) : 1
            var re = [Double](repeating: 0, count: n), im = [Double](repeating: 0, count: n)
            for t in 0..<n {
                re[t] = real(t)
                im[t] = imag(t)
            }
            for k in 0..<bins {
                var sr = 0.0, si = 0.0
                var index = 0
                for t in 0..<n {
                    let c = cosines[index], s = sign * sines[index]
                    sr += re[t] * c - im[t] * s
                    si += re[t] * s + im[t] * c
                    index += k
                    if index >= length { index -= length }
                }
                out(k, sr * norm, si * norm)
            }
        }
    }

    /// The integer value of a scalar input, or an error naming it.
    static func scalar(_ t: Tensor, _ what: String) throws -> Int {
        try TensorOps.integerScalar(t, what)
    }

    /// The element type of `output_datatype`, which must be a float or integer type.
    static func outputType(_ ctx: NodeContext, default code: Int = 1) throws -> DType {
        let dtype = try Quantization.dtype(onnxCode: try ctx.int("output_datatype", default: code), "output_datatype")
        guard dtype.isNumeric else { throw OpError("output_datatype must be numeric, got \(dtype)") }
        return dtype
    }

    /// A window of `size` samples whose value at `n` is `value(2πn / N)`, N being `size` when
    /// periodic and `size - 1` otherwise (HannWindow, HammingWindow, BlackmanWindow, opset 17).
    struct Window: Kernel {
        let periodic: Bool
        let dtype: DType
        let value: @Sendable (Double) -> Double

        init(_ ctx: NodeContext, _ value: @escaping @Sendable (Double) -> Double) throws {
            periodic = try ctx.int("periodic", default: 1) != 0
            dtype = try Spectral.outputType(ctx)
            self.value = value
        }

        func run(_ inputs: KernelInputs) throws -> [Value] {
            let size = try Spectral.scalar(inputs.tensor(0), "size")
            guard size >= 0, size <= TensorOps.maxElements else { throw OpError("size must be between 0 and \(TensorOps.maxElements), got \(size)") }
            let denominator = Double(periodic ? size : size - 1)
            let values = (0..<size).map { n in value(2 * Double.pi * Double(n) / denominator) }
            return [.tensor(try TensorOps.rethrowing { try Tensor(unchecked: [size], values).cast(to: dtype) })]
        }
    }
}
