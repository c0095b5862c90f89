import LastmileTensor

/// STFT (opset 17): the DFT of windowed frames of a real or complex signal (batch, length, 1|2):
/// frames of `frame_length` samples (or the window's length) every `frame_step` samples,
/// giving (batch, frames, bins, 2) with `length / 2 + 1` bins when `onesided` (default).
struct STFTKernel: Kernel {
    let onesided: Bool

    init(_ ctx: NodeContext) throws {
        onesided = try ctx.int("onesided", default: 1) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let signal = try inputs.tensor(0)
        guard signal.dtype.isFloatingPoint, let values = signal.doubles else {
            throw OpError("signal must be a float tensor, got \(signal.dtype)")
        }
        guard signal.rank == 3, signal.shape[2] == 1 || signal.shape[2] == 2 else {
            throw OpError("signal must have shape (batch, length, 1 or 2), got \(signal.shape)")
        }
        let (batch, samples, last) = (signal.shape[0], signal.shape[1], signal.shape[2])
        let step = try Spectral.scalar(inputs.tensor(1), "frame_step")
        guard step > 0 else { throw OpError("frame_step must be positive, got \(step)") }
        var window: [Double]?
        if let w = try inputs.optionalTensor(2) {
            guard w.rank == 1, w.dtype.isFloatingPoint, let v = w.doubles else {
                throw OpError("window must be a 1-D float tensor, got \(w.dtype) \(w.shape)")
            }
            window = v
        }
        var frameLength = window?.count ?? samples
        if let lengthTensor = try inputs.optionalTensor(3) {
            frameLength = try Spectral.scalar(lengthTensor, "frame_length")
        }
        guard frameLength > 0, frameLength <= samples, window.map({ $0.count == frameLength }) ?? true else {
            throw OpError("frame_length \(frameLength) must be positive, at most the signal length \(samples), and equal the window length")
        }
        if onesided && last == 2 {
            throw OpError("onesided output needs a real signal")
        }
        let frames = 1 + (samples - frameLength) / step
        let bins = onesided ? frameLength / 2 + 1 : frameLength
        let outShape = [batch, frames, bins, 2]
        var out = [Double](repeating: 0, count: try TensorOps.elementCount(outShape))
        let transform = Spectral.Transform(length: frameLength, bins: bins, inverse: false)
        let weights = window ?? [Double](repeating: 1, count: frameLength)
        for b in 0..<batch {
            for f in 0..<frames {
                let start = (b * samples + f * step) * last
                let outBase = (b * frames + f) * bins * 2
                transform.apply(
                    real: { values[start + $0 * last] * weights[$0] },
                    imag: { last == 2 ? values[start + $0 * last + 1] * weights[$0] : 0 },
                    count: frameLength
                ) { k, re, im in
                    out[outBase + 2 * k] = re
                    out[outBase + 2 * k + 1] = im
                }
            }
        }
        return [.tensor(try TensorOps.rethrowing { try Tensor(unchecked: outShape, out).cast(to: signal.dtype) })]
    }
}
