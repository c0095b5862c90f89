extension OpRegistry {
    /// Registers the Tensor family of ops.
    mutating func registerTensorOps() {
        register("Identity") { ctx in IdentityKernel(ctx) }
        register("Constant") { ctx in try ConstantKernel(ctx) }
        register("ConstantOfShape") { ctx in try ConstantOfShapeKernel(ctx) }
        register("Cast") { ctx in try CastKernel(ctx) }
        register("CastLike") { ctx in CastLikeKernel(ctx) }
        register("Reshape") { ctx in try ReshapeKernel(ctx) }
        register("Flatten") { ctx in try FlattenKernel(ctx) }
        register("Squeeze") { ctx in try SqueezeKernel(ctx) }
        register("Unsqueeze") { ctx in try UnsqueezeKernel(ctx) }
        register("Concat") { ctx in try ConcatKernel(ctx) }
        register("Split") { ctx in try SplitKernel(ctx) }
        register("Slice") { ctx in try SliceKernel(ctx) }
        register("Gather") { ctx in try GatherKernel(ctx) }
        register("GatherElements") { ctx in try GatherElementsKernel(ctx) }
        register("GatherND") { ctx in try GatherNDKernel(ctx) }
        register("Shape") { ctx in try ShapeKernel(ctx) }
        register("Size") { ctx in SizeKernel(ctx) }
        register("Transpose") { ctx in try TransposeKernel(ctx) }
        register("Expand") { ctx in ExpandKernel(ctx) }
        register("Tile") { ctx in TileKernel(ctx) }
        register("Range") { ctx in RangeKernel(ctx) }
        register("OneHot") { ctx in try OneHotKernel(ctx) }
        register("NonZero") { ctx in NonZeroKernel(ctx) }
        register("Dropout") { ctx in DropoutKernel(ctx) }
        register("ScatterElements") { ctx in try ScatterElementsKernel(ctx) }
        register("Scatter") { ctx in try ScatterElementsKernel(ctx) }
        register("ScatterND") { ctx in try ScatterNDKernel(ctx) }
        register("Trilu") { ctx in try TriluKernel(ctx) }
        register("Compress") { ctx in try CompressKernel(ctx) }
    }
}
