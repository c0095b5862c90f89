/// The syntax tree of one validation expression, as written (before type checking).
///
/// Every node keeps the 1-based position of its first character, so the type checker can
/// point at the part of the expression it refuses, and its depth, which the parser limits.
struct ValidationExpression: Sendable {
    /// What a node is.
    indirect enum Kind: Sendable {
        case number(Double)
        case boolean(Bool)
        case field(FieldReference)
        case negate(ValidationExpression)
        case not(ValidationExpression)
        /// A binary operator; `operatorPosition` is where the operator is written.
        case binary(BinaryOperator, ValidationExpression, ValidationExpression, operatorPosition: Int)
        case call(name: String, arguments: [ValidationExpression])
    }

    /// The binary operators, by the text they are written as.
    enum BinaryOperator: String, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
        case and, or

        /// Whether the operator compares two values.
        var isComparison: Bool {
            switch self {
            case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: true
            default: false
            }
        }
    }

    /// `in.<name>[i]...` or `out.<name>[i]...`.
    struct FieldReference: Sendable {
        /// The two places a field comes from.
        enum Scope: String, Sendable {
            /// The request's inputs.
            case input = "in"
            /// The pipeline's outputs.
            case output = "out"
        }

        var scope: Scope
        var name: String
        /// Where the name is written.
        var namePosition: Int
        /// The integer indexes into the row's value, with where each is written.
        var indexes: [(value: Int, position: Int)]

        /// How the reference reads in messages: `out.score[0]`, `in["my-input"]`.
        var text: String {
            let isPlain = name.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true
                && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            let head = isPlain ? "\(scope.rawValue).\(name)" : "\(scope.rawValue)[\"\(name)\"]"
            return head + indexes.map { "[\($0.value)]" }.joined()
        }
    }

    var kind: Kind
    /// The 1-based position of the node's first character.
    var position: Int
    /// 1 for a leaf, one more than the deepest child otherwise.
    var depth: Int

    /// A leaf node.
    init(_ kind: Kind, at position: Int) {
        self.kind = kind
        self.position = position
        self.depth = 1
    }

    /// A node over `children`, one level deeper than the deepest of them.
    init(_ kind: Kind, at position: Int, over children: [ValidationExpression]) {
        self.kind = kind
        self.position = position
        self.depth = 1 + children.reduce(0) { max($0, $1.depth) }
    }
}
