import LastmileAPI
import LastmileTensor

/// Checks validation expressions against a pipeline signature and turns them into typed trees.
///
/// Field references are resolved against the input and output `TensorSpec`s; distinct
/// references are collected in `accesses`, shared by every rule checked with this checker.
struct ValidationTypeChecker {
    /// What a sub-expression turned out to be.
    enum Typed {
        case number(ValidationNumber)
        case condition(ValidationCondition)
        /// A field with fewer indexes than its row has dimensions.
        case vector(Vector)
    }

    /// A vector-valued field reference, usable only as a reduction's argument.
    struct Vector {
        var access: ValidationFieldAccess
        /// The reference as written, for messages.
        var text: String
        /// The shape of the slice each row gives (from the spec; -1 varies).
        var shape: [Int]
        /// The v2 datatype of the field.
        var datatype: String
    }

    let inputs: [TensorSpec]
    let outputs: [TensorSpec]
    /// The distinct field references seen so far, in first-seen order.
    private(set) var accesses: [ValidationFieldAccess] = []
    private var accessIndex: [ValidationFieldAccess: Int] = [:]

    init(inputs: [TensorSpec], outputs: [TensorSpec]) {
        self.inputs = inputs
        self.outputs = outputs
    }

    /// Checks a whole validation, which must be boolean.
    mutating func check(_ expression: ValidationExpression) throws(ValidationSyntaxError) -> ValidationCondition {
        switch try type(expression) {
        case .condition(let condition):
            return condition
        case .number:
            throw ValidationSyntaxError(at: expression.position, "a validation must be a boolean expression (a comparison, a BOOL field, or and/or/not over them), but this one is a number")
        case .vector(let vector):
            throw ValidationSyntaxError(at: expression.position, "a validation must be a boolean expression, but this one is \(describe(vector))")
        }
    }

    /// The typed form of a sub-expression.
    mutating func type(_ expression: ValidationExpression) throws(ValidationSyntaxError) -> Typed {
        switch expression.kind {
        case .number(let value):
            return .number(.constant(value))
        case .boolean(let value):
            return .condition(.constant(value))
        case .field(let reference):
            return try field(reference, at: expression.position)
        case .negate(let operand):
            return .number(.negate(try number(operand, for: "unary \"-\"")))
        case .not(let operand):
            return .condition(.not(try condition(operand, for: "\"not\"")))
        case .binary(let op, let left, let right, let position):
            return try binary(op, left, right, at: position)
        case .call(let name, let arguments):
            return try call(name, arguments, at: expression.position)
        }
    }

    private mutating func binary(_ op: ValidationExpression.BinaryOperator, _ left: ValidationExpression, _ right: ValidationExpression, at position: Int) throws(ValidationSyntaxError) -> Typed {
        let what = "\"\(op.rawValue)\""
        switch op {
        case .add, .subtract, .multiply, .divide:
            let arithmetic: ValidationNumber.Arithmetic = switch op {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            default: .divide
            }
            return .number(.arithmetic(arithmetic, try number(left, for: what), try number(right, for: what)))
        case .and:
            return .condition(.and(try condition(left, for: what), try condition(right, for: what)))
        case .or:
            return .condition(.or(try condition(left, for: what), try condition(right, for: what)))
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual:
            return .condition(try comparison(op, left, right, at: position))
        }
    }

    private mutating func comparison(_ op: ValidationExpression.BinaryOperator, _ left: ValidationExpression, _ right: ValidationExpression, at position: Int) throws(ValidationSyntaxError) -> ValidationCondition {
        let what = "\"\(op.rawValue)\""
        let lhs = try type(left)
        let rhs = try type(right)
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            let comparison: ValidationCondition.Comparison = switch op {
            case .less: .less
            case .lessOrEqual: .lessOrEqual
            case .greater: .greater
            case .greaterOrEqual: .greaterOrEqual
            case .equal: .equal
            default: .notEqual
            }
            return .compare(comparison, a, b)
        case (.condition(let a), .condition(let b)):
            guard op == .equal || op == .notEqual else {
                throw ValidationSyntaxError(at: position, "\(what) orders numbers; booleans can only be compared with \"==\" or \"!=\"")
            }
            return .same(a, b, negated: op == .notEqual)
        case (.vector(let vector), _):
            throw ValidationSyntaxError(at: left.position, "\(what) compares single values, but its left side is \(describe(vector)); \(Self.vectorAdvice(vector))")
        case (_, .vector(let vector)):
            throw ValidationSyntaxError(at: right.position, "\(what) compares single values, but its right side is \(describe(vector)); \(Self.vectorAdvice(vector))")
        case (.number, .condition):
            throw ValidationSyntaxError(at: position, "\(what) cannot compare a number with a boolean")
        case (.condition, .number):
            throw ValidationSyntaxError(at: position, "\(what) cannot compare a boolean with a number")
        }
    }

    // MARK: - Operand kinds

    /// A sub-expression that must be a number, for the operator or function `user`.
    mutating func number(_ expression: ValidationExpression, for user: String) throws(ValidationSyntaxError) -> ValidationNumber {
        switch try type(expression) {
        case .number(let number):
            return number
        case .condition:
            throw ValidationSyntaxError(at: expression.position, "\(user) needs a number, but this is a boolean")
        case .vector(let vector):
            throw ValidationSyntaxError(at: expression.position, "\(user) needs a single number, but this is \(describe(vector)); \(Self.vectorAdvice(vector))")
        }
    }

    /// A sub-expression that must be a boolean, for the operator `user`.
    mutating func condition(_ expression: ValidationExpression, for user: String) throws(ValidationSyntaxError) -> ValidationCondition {
        switch try type(expression) {
        case .condition(let condition):
            return condition
        case .number:
            throw ValidationSyntaxError(at: expression.position, "\(user) needs a boolean, but this is a number; compare it with something first")
        case .vector(let vector):
            throw ValidationSyntaxError(at: expression.position, "\(user) needs a boolean, but this is \(describe(vector))")
        }
    }

    /// The index of an access in `accesses`, adding it when new.
    mutating func register(_ access: ValidationFieldAccess) -> Int {
        if let index = accessIndex[access] { return index }
        accesses.append(access)
        accessIndex[access] = accesses.count - 1
        return accesses.count - 1
    }

    func describe(_ vector: Vector) -> String {
        "\(vector.text), a vector of shape \(vector.shape) per row (\(vector.datatype))"
    }

    static func vectorAdvice(_ vector: Vector) -> String {
        "index it (\(vector.text)\(String(repeating: "[0]", count: vector.shape.count))) or reduce it with mean, sum, min, max or len"
    }
}
