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
