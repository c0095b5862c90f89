import Foundation
import LastmileTensor

/// MelWeightMatrix (opset 17): a (dft_length / 2 + 1, num_mel_bins) matrix of triangular filters
/// evenly spaced on the mel scale between `lower_edge_hertz` and `upper_edge_hertz`, computed
/// the way the ONNX reference does (integer bin edges `(dft_length + 1) * f // sample_rate`).
struct MelWeightMatrixKernel: Kernel {
    let dtype: DType

    init(_ ctx: NodeContext) throws {
        dtype = try Spectral.outputType(ctx)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let melBins = try Spectral.scalar(inputs.tensor(0), "num_mel_bins")
        let dftLength = try Spectral.scalar(inputs.tensor(1), "dft_length")
        let sampleRate = try Spectral.scalar(inputs.tensor(2), "sample_rate")
        guard let lowers = try inputs.tensor(3).doubles, lowers.count == 1,
              let uppers = try inputs.tensor(4).doubles, uppers.count == 1 else {
            throw OpError("lower_edge_hertz and upper_edge_hertz must be numeric scalars")
        }
        guard melBins > 0, dftLength > 0, sampleRate > 0 else {
            throw OpError("num_mel_bins, dft_length and sample_rate must be positive, got \(melBins), \(dftLength), \(sampleRate)")
        }
        let spectrogramBins = dftLength / 2 + 1
        _ = try TensorOps.elementCount([spectrogramBins, melBins])
        let lowMel = 2595 * log10(1 + lowers[0] / 700)
        let highMel = 2595 * log10(1 + uppers[0] / 700)
        let step = (highMel - lowMel) / Double(melBins + 2)
        let edges: [Int] = (0..<(melBins + 2)).map { i in
            let hz = 700 * (pow(10, (Double(i) * step + lowMel) / 2595) - 1)
            return Int((Double(dftLength + 1) * hz / Double(sampleRate)).rounded(.down))
        }
        var out = [Double](repeating: 0, count: spectrogramBins * melBins)
        func set(_ row: Int, _ column: Int, _ value: Double) throws {
            guard row >= 0, row < spectrogramBins else {
                throw OpError("mel filter edge \(row) falls outside the \(spectrogramBins) spectrogram bins (check the edge frequencies)")
            }
            out[row * melBins + column] = value
        }
        for i in 0..<melBins {
            let (lo, center, hi) = (edges[i], edges[i + 1], edges[i + 2])
            if center == lo {
                try set(center, i, 1)
            } else if center > lo {
                for j in lo...center { try set(j, i, Double(j - lo) / Double(center - lo)) }
            }
            if hi > center {
                for j in center..<hi { try set(j, i, Double(hi - j) / Double(hi - center)) }
            }
        }
        return [.tensor(try TensorOps.rethrowing { try Tensor(unchecked: [spectrogramBins, melBins], out).cast(to: dtype) })]
    }
}
