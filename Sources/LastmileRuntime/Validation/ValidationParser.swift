/// Parses a validation expression into a `ValidationExpression` tree.
///
/// Grammar (lowest precedence first; comparisons do not chain):
///
///     expression     := conjunction ("or" conjunction)*
///     conjunction    := negation ("and" negation)*
///     negation       := "not" negation | comparison
///     comparison     := additive (("<" | "<=" | ">" | ">=" | "==" | "!=") additive)?
///     additive       := multiplicative (("+" | "-") multiplicative)*
///     multiplicative := unary (("*" | "/") unary)*
///     unary          := "-" unary | primary
///     primary        := NUMBER | "true" | "false" | field | NAME "(" arguments ")" | "(" expression ")"
///     field          := ("in" | "out") ("." NAME | "[" STRING "]") ("[" INTEGER "]")*
///
/// Expressions are limited to `maxLength` characters and trees to `maxDepth` levels, so no
/// input can exhaust the stack of the thread that parses, checks or evaluates it.
struct ValidationParser {
    /// The longest expression accepted, in characters.
    static let maxLength = 4096
    /// The deepest tree accepted: operators, parentheses and calls each add a level.
    static let maxDepth = 64

    private let tokens: [ValidationToken]
    private var index = 0
    /// How many nested parentheses, calls and prefix operators enclose the current token.
    private var nesting = 0

    private init(tokens: [ValidationToken]) {
        self.tokens = tokens
    }

    /// Parses a whole expression; throws with the position of the first problem.
    static func parse(_ expression: String) throws(ValidationSyntaxError) -> ValidationExpression {
        if isTooLong(expression) {
            throw ValidationSyntaxError(at: maxLength + 1, "the expression is longer than \(maxLength) characters")
        }
        var parser = ValidationParser(tokens: try ValidationLexer.tokens(of: expression))
        if parser.current.kind == .end {
            throw ValidationSyntaxError(at: 1, "the expression is empty")
        }
        let tree = try parser.disjunction()
        guard parser.current.kind == .end else {
            throw ValidationSyntaxError(at: parser.current.position, "unexpected \(parser.current.quoted) after a complete expression")
        }
        return tree
    }

    /// Whether `expression` has more than `maxLength` characters (counting no further).
    static func isTooLong(_ expression: String) -> Bool {
        expression.utf8.count > maxLength && expression.prefix(maxLength + 1).count > maxLength
    }

    // MARK: - Precedence levels

    private mutating func disjunction() throws(ValidationSyntaxError) -> ValidationExpression {
        var left = try conjunction()
        while current.isKeyword("or") {
            let position = advance().position
            left = try binary(.or, left, try conjunction(), at: position)
        }
        return left
    }

    private mutating func conjunction() throws(ValidationSyntaxError) -> ValidationExpression {
        var left = try negation()
        while current.isKeyword("and") {
            let position = advance().position
            left = try binary(.and, left, try negation(), at: position)
        }
        return left
    }

    private mutating func negation() throws(ValidationSyntaxError) -> ValidationExpression {
        guard current.isKeyword("not") else { return try comparison() }
        let position = advance().position
        try enter(at: position)
        let operand = try negation()
        nesting -= 1
        return try node(.not(operand), at: position, over: [operand])
    }

    private mutating func comparison() throws(ValidationSyntaxError) -> ValidationExpression {
        let left = try additive()
        guard let op = comparisonOperator(current) else { return left }
        let position = advance().position
        let right = try additive()
        if comparisonOperator(current) != nil {
            throw ValidationSyntaxError(at: current.position, "comparisons do not chain; join them with \"and\"")
        }
        return try binary(op, left, right, at: position)
    }

    private mutating func additive() throws(ValidationSyntaxError) -> ValidationExpression {
        var left = try multiplicative()
        while current.isSymbol(.plus) || current.isSymbol(.minus) {
            let token = advance()
            left = try binary(token.isSymbol(.plus) ? .add : .subtract, left, try multiplicative(), at: token.position)
        }
        return left
    }

    private mutating func multiplicative() throws(ValidationSyntaxError) -> ValidationExpression {
        var left = try unary()
        while current.isSymbol(.star) || current.isSymbol(.slash) {
            let token = advance()
            left = try binary(token.isSymbol(.star) ? .multiply : .divide, left, try unary(), at: token.position)
        }
        return left
    }

    private mutating func unary() throws(ValidationSyntaxError) -> ValidationExpression {
        guard current.isSymbol(.minus) else { return try primary() }
        let position = advance().position
        try enter(at: position)
        let operand = try unary()
        nesting -= 1
        return try node(.negate(operand), at: position, over: [operand])
    }

    private mutating func primary() throws(ValidationSyntaxError) -> ValidationExpression {
        let token = current
        switch token.kind {
        case .number(let value, _):
            index += 1
            return ValidationExpression(.number(value), at: token.position)
        case .identifier("true"), .identifier("false"):
            index += 1
            return ValidationExpression(.boolean(token.isKeyword("true")), at: token.position)
        case .identifier("in"), .identifier("out"):
            return try field()
        case .identifier("and"), .identifier("or"), .identifier("not"):
            throw ValidationSyntaxError(at: token.position, "expected an operand, found \(token.quoted)")
        case .identifier(let name):
            index += 1
            guard current.isSymbol(.leftParen) else {
                throw ValidationSyntaxError(at: token.position, "unknown name \"\(name)\"; fields are written in.<name> or out.<name>, functions as \(name)(...)")
            }
            return try call(name, at: token.position)
        case .symbol(.leftParen):
            index += 1
            try enter(at: token.position)
            let inner = try disjunction()
            nesting -= 1
            try expect(.rightParen, closing: token)
            return inner
        default:
            throw ValidationSyntaxError(at: token.position, "expected an operand, found \(token.quoted)")
        }
    }

    // MARK: - Fields and calls

    private mutating func field() throws(ValidationSyntaxError) -> ValidationExpression {
        let head = advance()
        let scope: ValidationExpression.FieldReference.Scope = head.isKeyword("in") ? .input : .output
        let name: String
        let namePosition: Int
        if current.isSymbol(.dot) {
            index += 1
            guard case .identifier(let word) = current.kind else {
                throw ValidationSyntaxError(at: current.position, "expected a field name after \"\(head.text).\", found \(current.quoted)")
            }
            name = word
            namePosition = advance().position
        } else if current.isSymbol(.leftBracket), case .string(let quoted) = tokens[index + 1].kind {
            index += 1
            name = quoted
            namePosition = advance().position
            try expect(.rightBracket, closing: tokens[index - 2])
        } else {
            throw ValidationSyntaxError(at: current.position, "expected \".\" and a field name after \"\(head.text)\" (or a quoted name: \(head.text)[\"name\"]), found \(current.quoted)")
        }
        var indexes: [(value: Int, position: Int)] = []
        while current.isSymbol(.leftBracket) {
            let bracket = advance()
            let token = current
            guard case .number(_, isInteger: true) = token.kind else {
                let found = token.isSymbol(.minus) ? "a negative index" : token.quoted
                throw ValidationSyntaxError(at: token.position, "indexes must be non-negative integer literals, found \(found)")
            }
            guard let value = Int(token.text) else {
                throw ValidationSyntaxError(at: token.position, "the index \(token.text) is too large")
            }
            index += 1
            indexes.append((value, token.position))
            try expect(.rightBracket, closing: bracket)
            if indexes.count > Self.maxDepth {
                throw ValidationSyntaxError(at: bracket.position, "a field takes at most \(Self.maxDepth) indexes")
            }
        }
        let reference = ValidationExpression.FieldReference(scope: scope, name: name, namePosition: namePosition, indexes: indexes)
        return ValidationExpression(.field(reference), at: head.position)
    }

    private mutating func call(_ name: String, at position: Int) throws(ValidationSyntaxError) -> ValidationExpression {
        let open = advance()
        try enter(at: position)
        var arguments: [ValidationExpression] = []
        if !current.isSymbol(.rightParen) {
            arguments.append(try disjunction())
            while current.isSymbol(.comma) {
                index += 1
                arguments.append(try disjunction())
            }
        }
        nesting -= 1
        try expect(.rightParen, closing: open)
        return try node(.call(name: name, arguments: arguments), at: position, over: arguments)
    }

    // MARK: - Helpers

    private var current: ValidationToken { tokens[index] }

    /// Returns the current token and moves past it; never moves past `.end`.
    private mutating func advance() -> ValidationToken {
        let token = tokens[index]
        if token.kind != .end { index += 1 }
        return token
    }

    private mutating func expect(_ symbol: ValidationToken.Symbol, closing opener: ValidationToken) throws(ValidationSyntaxError) {
        guard current.isSymbol(symbol) else {
            throw ValidationSyntaxError(at: current.position, "expected \"\(symbol.rawValue)\" to close the \"\(opener.text)\" at position \(opener.position), found \(current.quoted)")
        }
        index += 1
    }

    /// Counts one more level of nesting, refusing more than `maxDepth` before recursing.
    private mutating func enter(at position: Int) throws(ValidationSyntaxError) {
        nesting += 1
        if nesting > Self.maxDepth {
            throw ValidationSyntaxError(at: position, "the expression nests more than \(Self.maxDepth) levels deep")
        }
    }

    private func comparisonOperator(_ token: ValidationToken) -> ValidationExpression.BinaryOperator? {
        guard case .symbol(let symbol) = token.kind else { return nil }
        return ValidationExpression.BinaryOperator(rawValue: symbol.rawValue).flatMap { $0.isComparison ? $0 : nil }
    }

    private func binary(_ op: ValidationExpression.BinaryOperator, _ left: ValidationExpression, _ right: ValidationExpression, at position: Int) throws(ValidationSyntaxError) -> ValidationExpression {
        try node(.binary(op, left, right, operatorPosition: position), at: left.position, over: [left, right])
    }

    private func node(_ kind: ValidationExpression.Kind, at position: Int, over children: [ValidationExpression]) throws(ValidationSyntaxError) -> ValidationExpression {
        let made = ValidationExpression(kind, at: position, over: children)
        if made.depth > Self.maxDepth {
            let at: Int = if case .binary(_, _, _, let operatorPosition) = kind { operatorPosition } else { position }
            throw ValidationSyntaxError(at: at, "the expression nests more than \(Self.maxDepth) levels deep")
        }
        return made
    }
}
