/// Splits a validation expression into tokens.
///
/// Positions count characters (grapheme clusters) from 1, as a user reading the expression
/// would. Anything the language does not know is refused with its position; a few operators
/// from other languages (`&&`, `||`, `!`, `=`) get a message naming the one to use instead.
struct ValidationLexer {
    private let characters: [Character]
    private var index = 0

    /// Creates a lexer over an expression the caller has already limited in length.
    init(_ expression: String) {
        characters = Array(expression)
    }

    /// All tokens of the expression, ending with `.end`.
    static func tokens(of expression: String) throws(ValidationSyntaxError) -> [ValidationToken] {
        var lexer = ValidationLexer(expression)
        var tokens: [ValidationToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    /// The next token, or `.end` once the expression is used up.
    mutating func next() throws(ValidationSyntaxError) -> ValidationToken {
        while index < characters.count, characters[index].isWhitespace {
            index += 1
        }
        let start = index
        let position = start + 1
        guard index < characters.count else {
            return ValidationToken(kind: .end, position: position, text: "")
        }
        let c = characters[index]
        if Self.isDigit(c) {
            return try number()
        }
        if Self.startsName(c) {
            while index < characters.count, Self.continuesName(characters[index]) {
                index += 1
            }
            let name = String(characters[start..<index])
            return ValidationToken(kind: .identifier(name), position: position, text: name)
        }
        if c == "\"" || c == "'" {
            return try string()
        }
        index += 1
        let following = index < characters.count ? characters[index] : nil
        let symbol: ValidationToken.Symbol
        switch c {
        case "(": symbol = .leftParen
        case ")": symbol = .rightParen
        case "[": symbol = .leftBracket
        case "]": symbol = .rightBracket
        case ",": symbol = .comma
        case ".": symbol = .dot
        case "+": symbol = .plus
        case "-": symbol = .minus
        case "*": symbol = .star
        case "/": symbol = .slash
        case "<": symbol = take("=", following) ? .lessOrEqual : .less
        case ">": symbol = take("=", following) ? .greaterOrEqual : .greater
        case "=":
            guard take("=", following) else {
                throw ValidationSyntaxError(at: position, "\"=\" is not an operator; compare with \"==\"")
            }
            symbol = .equal
        case "!":
            guard take("=", following) else {
                throw ValidationSyntaxError(at: position, "\"!\" is not an operator; negate with \"not\"")
            }
            symbol = .notEqual
        case "&" where following == "&":
            throw ValidationSyntaxError(at: position, "\"&&\" is not an operator; use \"and\"")
        case "|" where following == "|":
            throw ValidationSyntaxError(at: position, "\"||\" is not an operator; use \"or\"")
        default:
            throw ValidationSyntaxError(at: position, "unexpected character \"\(c)\"")
        }
        return ValidationToken(kind: .symbol(symbol), position: position, text: symbol.rawValue)
    }

    /// Consumes `expected` when it is the following character.
    private mutating func take(_ expected: Character, _ following: Character?) -> Bool {
        guard following == expected else { return false }
        index += 1
        return true
    }

    /// `digits ('.' digits)? ([eE] [+-]? digits)?`, not followed by a letter or digit.
    private mutating func number() throws(ValidationSyntaxError) -> ValidationToken {
        let start = index
        var isInteger = true
        skipDigits()
        if index + 1 < characters.count, characters[index] == ".", Self.isDigit(characters[index + 1]) {
            isInteger = false
            index += 1
            skipDigits()
        }
        if index < characters.count, characters[index] == "e" || characters[index] == "E" {
            isInteger = false
            index += 1
            if index < characters.count, characters[index] == "+" || characters[index] == "-" {
                index += 1
            }
            guard index < characters.count, Self.isDigit(characters[index]) else {
                throw ValidationSyntaxError(at: start + 1, "the number \"\(String(characters[start..<index]))\" has no exponent digits")
            }
            skipDigits()
        }
        if index < characters.count, Self.continuesName(characters[index]) || characters[index] == "." {
            throw ValidationSyntaxError(at: start + 1, "invalid number starting \"\(String(characters[start...index]))\"")
        }
        let text = String(characters[start..<index])
        guard let value = Double(text) else {
            throw ValidationSyntaxError(at: start + 1, "invalid number \"\(text)\"")
        }
        return ValidationToken(kind: .number(value, isInteger: isInteger), position: start + 1, text: text)
    }

    private mutating func skipDigits() {
        while index < characters.count, Self.isDigit(characters[index]) {
            index += 1
        }
    }

    /// A quoted name: `"..."` or `'...'`, where a backslash escapes the quote or a backslash.
    private mutating func string() throws(ValidationSyntaxError) -> ValidationToken {
        let start = index
        let quote = characters[index]
        index += 1
        var value = ""
        while index < characters.count {
            let c = characters[index]
            index += 1
            if c == quote {
                return ValidationToken(kind: .string(value), position: start + 1, text: String(characters[start..<index]))
            }
            if c == "\\" {
                guard index < characters.count, characters[index] == quote || characters[index] == "\\" else {
                    throw ValidationSyntaxError(at: index, "a backslash in a quoted name must be followed by \(quote) or \\")
                }
                value.append(characters[index])
                index += 1
            } else {
                value.append(c)
            }
        }
        throw ValidationSyntaxError(at: start + 1, "the quoted name is not closed with \(quote)")
    }

    private static func isDigit(_ c: Character) -> Bool {
        c.isASCII && c.isNumber
    }

    private static func startsName(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c == "_")
    }

    private static func continuesName(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_")
    }
}
