import LastmileTensor

/// ConvInteger (opset 10): convolution of uint8/int8 `x` and `w` after subtracting their zero
/// points (`w_zero_point` may be per output channel), giving int32.
struct ConvIntegerKernel: Kernel {
    let convolution: IntegerConvolution

    init(_ ctx: NodeContext) throws {
        convolution = try IntegerConvolution(ctx)
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let w = try inputs.tensor(1)
        let xs = try IntegerConvolution.centred(x, inputs.optionalTensor(2), "x")
        let ws = try IntegerConvolution.centred(w, inputs.optionalTensor(3), "w", perChannel: w.shape.first)
        let (shape, acc) = try convolution.run(x: xs, xShape: x.shape, w: ws, wShape: w.shape)
        return [.tensor(try Tensor(shape: shape, storage: Quantization.saturated(acc, as: .int32)))]
    }
}
