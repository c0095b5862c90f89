/// A type-checked numeric expression, ready to evaluate on a row.
///
/// Field nodes hold an index into the set's `ValidationFieldAccess` table, which is bound to
/// the tensors of a batch once and then read by computed offset for every row.
indirect enum ValidationNumber: Sendable {
    case constant(Double)
    /// The scalar value of an access.
    case field(Int)
    case negate(ValidationNumber)
    case arithmetic(Arithmetic, ValidationNumber, ValidationNumber)
    case abs(ValidationNumber)
    /// `min(a, b, ...)` or `max(a, b, ...)` of scalars; NaN when any argument is NaN.
    case extreme(isMax: Bool, [ValidationNumber])
    /// A reduction over the elements of a vector access.
    case reduce(Reduction, access: Int)

    /// The four arithmetic operators, computed in Double as IEEE 754 defines.
    enum Arithmetic: Sendable {
        case add, subtract, multiply, divide
    }

    /// The functions that turn a vector into a number.
    enum Reduction: Sendable {
        /// The sum of the elements (0 for none).
        case sum
        /// The sum divided by the count (unknown for none).
        case mean
        /// The smallest element, NaN when any is NaN (unknown for none).
        case min
        /// The largest element, NaN when any is NaN (unknown for none).
        case max
        /// The number of elements.
        case len
    }
}
