extension OpRegistry {
    /// Registers the Math family of ops.
    mutating func registerMathOps() {
        register("Add") { ctx in try BinaryKernel(AddFunction(), ctx) }
        register("Sub") { ctx in try BinaryKernel(SubFunction(), ctx) }
        register("Mul") { ctx in try BinaryKernel(MulFunction(), ctx) }
        register("Div") { ctx in try BinaryKernel(DivFunction(), ctx) }
        register("Pow") { ctx in try PowKernel(ctx) }
        register("Mod") { ctx in try BinaryKernel(ModFunction(ctx), ctx) }

        register("Sum") { _ in VariadicKernel(AddFunction()) }
        register("Mean") { _ in VariadicKernel(AddFunction(), mean: true) }
        register("Min") { _ in VariadicKernel(MinFunction()) }
        register("Max") { _ in VariadicKernel(MaxFunction()) }
        register("Clip") { ctx in try ClipKernel(ctx) }

        register("Neg") { _ in UnaryKernel(NegFunction()) }
        register("Abs") { _ in UnaryKernel(AbsFunction()) }
        register("Sign") { _ in UnaryKernel(SignFunction()) }
        register("Sqrt") { _ in UnaryKernel(SqrtFunction()) }
        register("Exp") { _ in UnaryKernel(ExpFunction()) }
        register("Log") { _ in UnaryKernel(LogFunction()) }
        register("Reciprocal") { _ in UnaryKernel(ReciprocalFunction()) }
        register("Floor") { _ in UnaryKernel(FloorFunction()) }
        register("Ceil") { _ in UnaryKernel(CeilFunction()) }
        register("Round") { _ in UnaryKernel(RoundFunction()) }
        register("Erf") { _ in UnaryKernel(ErfFunction()) }

        register("Sin") { _ in UnaryKernel(SinFunction()) }
        register("Cos") { _ in UnaryKernel(CosFunction()) }
        register("Tan") { _ in UnaryKernel(TanFunction()) }
        register("Asin") { _ in UnaryKernel(AsinFunction()) }
        register("Acos") { _ in UnaryKernel(AcosFunction()) }
        register("Atan") { _ in UnaryKernel(AtanFunction()) }
        register("Sinh") { _ in UnaryKernel(SinhFunction()) }
        register("Cosh") { _ in UnaryKernel(CoshFunction()) }
        register("Asinh") { _ in UnaryKernel(AsinhFunction()) }
        register("Acosh") { _ in UnaryKernel(AcoshFunction()) }
        register("Atanh") { _ in UnaryKernel(AtanhFunction()) }

        register("BitShift") { ctx in try BinaryKernel(BitShiftFunction(ctx), ctx) }
        register("BitwiseAnd") { ctx in try BinaryKernel(BitwiseAndFunction(), ctx) }
        register("BitwiseOr") { ctx in try BinaryKernel(BitwiseOrFunction(), ctx) }
        register("BitwiseXor") { ctx in try BinaryKernel(BitwiseXorFunction(), ctx) }
        register("BitwiseNot") { _ in UnaryKernel(BitwiseNotFunction()) }
    }
}
