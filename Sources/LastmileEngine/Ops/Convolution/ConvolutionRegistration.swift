extension OpRegistry {
    /// Registers the Convolution family of ops: convolutions, pooling, padding, resizing,
    /// depth/space rearrangements, LRN, and the GroupNormalization and RMSNormalization ops.
    mutating func registerConvolutionOps() {
        register("Conv") { ctx in try ConvKernel(ctx) }
        register("ConvTranspose") { ctx in try ConvTransposeKernel(ctx) }
        register("MaxPool") { ctx in try MaxPoolKernel(ctx) }
        register("AveragePool") { ctx in try AveragePoolKernel(ctx) }
        register("LpPool") { ctx in try LpPoolKernel(ctx) }
        register("GlobalAveragePool") { ctx in try GlobalPoolKernel(ctx, .average) }
        register("GlobalMaxPool") { ctx in try GlobalPoolKernel(ctx, .max) }
        register("GlobalLpPool") { ctx in try GlobalPoolKernel(ctx, .lp(2)) }
        register("Pad") { ctx in try PadKernel(ctx) }
        register("Resize") { ctx in try ResizeKernel(ctx) }
        register("Upsample") { ctx in try UpsampleKernel(ctx) }
        register("DepthToSpace") { ctx in try DepthToSpaceKernel(ctx) }
        register("SpaceToDepth") { ctx in try SpaceToDepthKernel(ctx) }
        register("LRN") { ctx in try LRNKernel(ctx) }
        register("MaxUnpool") { ctx in try MaxUnpoolKernel(ctx) }
        register("Col2Im") { ctx in try Col2ImKernel(ctx) }
        register("CenterCropPad") { ctx in try CenterCropPadKernel(ctx) }
        register("AffineGrid") { ctx in try AffineGridKernel(ctx) }
        register("GridSample") { ctx in try GridSampleKernel(ctx) }
        register("GroupNormalization") { ctx in try GroupNormalizationKernel(ctx) }
        register("RMSNormalization") { ctx in try RMSNormalizationKernel(ctx) }
    }
}
