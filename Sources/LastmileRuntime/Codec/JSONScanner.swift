/// A forward-only JSON tokenizer over raw request bytes.
///
/// Every read is bounds-checked against `end`; containers are counted so nesting deeper than
/// `maxDepth` is refused; syntax errors are `RuntimeError(.badInput)` carrying the byte offset
/// and never the offending bytes. The scanner borrows the buffer, so it must not outlive the
/// call that received the body.
struct JSONScanner {
    /// The deepest nesting of objects and lists a request may use.
    static let maxDepth = 64

    let bytes: UnsafeRawBufferPointer
    /// One past the last byte the scanner may read.
    let end: Int
    /// The offset of the next unread byte.
    var position: Int
    /// The number of open objects and lists.
    var depth = 0

    init(_ bytes: UnsafeRawBufferPointer, end: Int? = nil, position: Int = 0) {
        self.bytes = bytes
        self.end = min(end ?? bytes.count, bytes.count)
        self.position = position
    }

    /// The byte at `position`, or 0 at the end (0 never starts a JSON token).
    @inline(__always)
    var current: UInt8 { position < end ? bytes[position] : 0 }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < end {
            let c = bytes[position]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            position += 1
        }
    }

    /// Skips whitespace and returns the next byte without consuming it (0 at the end).
    @inline(__always)
    mutating func peek() -> UInt8 {
        skipWhitespace()
        return current
    }

    /// A syntax error at `offset` (the current position by default).
    func syntaxError(_ expected: String, at offset: Int? = nil) -> RuntimeError {
        let at = offset ?? position
        if at >= end { return RuntimeError(.badInput, "the body is not valid JSON: it ends early at byte \(at), expected \(expected)") }
        return RuntimeError(.badInput, "the body is not valid JSON: expected \(expected) at byte \(at)")
    }

    /// Consumes `byte` after optional whitespace, or throws naming `what` was expected.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws {
        guard peek() == byte else { throw syntaxError(what()) }
        position += 1
    }

    /// Checks that only whitespace follows the value just read.
    mutating func expectEnd() throws {
        guard peek() == 0, position >= end else { throw syntaxError("the end of the JSON") }
    }

    // MARK: - Containers

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maxDepth else {
            throw RuntimeError(.badInput, "the body nests lists and objects deeper than \(Self.maxDepth) levels (at byte \(position))")
        }
    }

    /// Consumes `{`; returns false (having consumed `}`) when the object is empty.
    mutating func beginObject(_ what: @autoclosure () -> String) throws -> Bool {
        guard peek() == UInt8(ascii: "{") else { throw syntaxError(what()) }
        position += 1
        try enter()
        if peek() == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return false
        }
        return true
    }

    /// After a member's value: consumes `,` and returns true, or consumes `}` and returns false.
    mutating func nextMember() throws -> Bool {
        switch peek() {
        case UInt8(ascii: ","):
            position += 1
            return true
        case UInt8(ascii: "}"):
            position += 1
            depth -= 1
            return false
        default:
            throw syntaxError("',' or '}'")
        }
    }

    /// Reads an object key and the `:` after it.
    mutating func readKey() throws -> StringSpan {
        guard peek() == UInt8(ascii: "\"") else { throw syntaxError("a string key") }
        let key = try readStringSpan()
        try expect(UInt8(ascii: ":"), "':'")
        return key
    }

    /// Consumes `[`; returns false (having consumed `]`) when the list is empty.
    mutating func beginArray(_ what: @autoclosure () -> String) throws -> Bool {
        guard peek() == UInt8(ascii: "[") else { throw syntaxError(what()) }
        position += 1
        try enter()
        if peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return false
        }
        return true
    }

    /// After a list element: consumes `,` and returns true, or consumes `]` and returns false.
    @inline(__always)
    mutating func nextElement() throws -> Bool {
        let c = peek()
        if c == UInt8(ascii: ",") {
            position += 1
            return true
        }
        if c == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return false
        }
        throw syntaxError("',' or ']'")
    }

    // MARK: - Literals and skipping

    /// Consumes the literal `true`, `false` or `null` if it is next; returns whether it was.
    mutating func consumeLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard end - position >= count else { return false }
        let matches = literal.withUTF8Buffer { text in
            for i in 0..<count where bytes[position + i] != text[i] { return false }
            return true
        }
        if matches { position += count }
        return matches
    }

    /// Skips one value of any kind, checking its syntax.
    mutating func skipValue() throws {
        switch peek() {
        case UInt8(ascii: "{"):
            guard try beginObject("'{'") else { return }
            repeat {
                _ = try readKey()
                try skipValue()
            } while try nextMember()
        case UInt8(ascii: "["):
            guard try beginArray("'['") else { return }
            repeat {
                try skipValue()
            } while try nextElement()
        case UInt8(ascii: "\""):
            _ = try readStringSpan()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            guard consumeLiteral("true") || consumeLiteral("false") || consumeLiteral("null") else {
                throw syntaxError("a value")
            }
        default:
            _ = try readNumber()
        }
    }
}
