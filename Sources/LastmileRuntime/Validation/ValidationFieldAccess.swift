/// One distinct field reference of a validation set: where to find the tensor and which part
/// of each row to read.
struct ValidationFieldAccess: Sendable, Hashable {
    /// What the access reads, which decides the element types it accepts.
    enum Element: Sendable, Hashable {
        /// Numbers (integer or floating-point elements; BOOL reads as 0 and 1).
        case number
        /// BOOL elements.
        case boolean
        /// Any element type: only the count is used (`len`).
        case any
    }

    var scope: ValidationExpression.FieldReference.Scope
    var name: String
    /// Indexes into the row's value; fewer than the row's rank for a vector.
    var indexes: [Int]
    /// The spec's rank, batch dimension included; a tensor of another rank reads as unknown.
    var rank: Int
    var element: Element
}
