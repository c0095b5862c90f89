/// One token of a validation expression, with the 1-based character position where it starts.
struct ValidationToken: Sendable {
    /// What a token is.
    enum Kind: Sendable, Equatable {
        /// A number literal; `isInteger` when written without a fraction or exponent.
        case number(Double, isInteger: Bool)
        /// A name: a keyword (`in`, `out`, `and`, `or`, `not`, `true`, `false`) or a function.
        case identifier(String)
        /// A quoted field name, unescaped.
        case string(String)
        /// An operator or punctuation mark.
        case symbol(Symbol)
        /// The end of the expression.
        case end
    }

    /// The operators and punctuation marks of the language.
    enum Symbol: String, Sendable {
        case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
        case comma = ",", dot = "."
        case plus = "+", minus = "-", star = "*", slash = "/"
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case equal = "==", notEqual = "!="
    }

    var kind: Kind
    /// The 1-based position of the first character.
    var position: Int
    /// The source text, for messages.
    var text: String

    /// Whether this token is the given symbol.
    func isSymbol(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }

    /// Whether this token is the given keyword.
    func isKeyword(_ word: String) -> Bool { kind == .identifier(word) }

    /// How the token reads in a message: `">"`, `"foo"`, or `the end of the expression`.
    var quoted: String {
        kind == .end ? "the end of the expression" : "\"\(text)\""
    }
}
