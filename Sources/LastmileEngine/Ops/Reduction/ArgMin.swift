extension ArgReduceKernel {
    /// ArgMin (opsets 1, 11, 12, 13): indices of the minimum along `axis`; negative axes from
    /// opset 11, `select_last_index` from opset 12.
    static func argMin(_ ctx: NodeContext) throws -> ArgReduceKernel {
        try ArgReduceKernel(ctx, selectsMaximum: false)
    }
}
