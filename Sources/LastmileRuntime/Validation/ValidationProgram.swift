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

/// A type-checked boolean expression: what a validation is.
///
/// It evaluates to true, false or unknown (nil) with Kleene's three-valued logic: `false and x`
/// is false and `true or x` is true even when `x` is unknown.
indirect enum ValidationCondition: Sendable {
    case constant(Bool)
    /// The scalar value of a BOOL access.
    case field(Int)
    case not(ValidationCondition)
    case and(ValidationCondition, ValidationCondition)
    case or(ValidationCondition, ValidationCondition)
    /// A comparison of numbers, as IEEE 754 defines: with a NaN only `!=` is true.
    case compare(Comparison, ValidationNumber, ValidationNumber)
    /// `==` (or `!=` when `negated`) between booleans.
    case same(ValidationCondition, ValidationCondition, negated: Bool)

    /// The six comparison operators.
    enum Comparison: Sendable {
        case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
    }
}

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
