import LastmileTensor

/// A decoded records request that keeps the text of each row's input values, so the reply
/// can echo them without formatting every number again.
public struct RecordsRequest: Sendable {
    /// One tensor per input, rows stacked along the first dimension.
    public var tensors: [String: Tensor]
    /// The number of rows.
    public var rows: Int
    /// The input names in the pipeline's order, the order the reply's `in` objects use.
    public var inputOrder: [String]
    /// A copy of the request body.
    let text: [UInt8]
    /// For each row and each input in `inputOrder`: the start and end offset in `text` of the
    /// value the client sent.
    let ranges: [Int]
}
