/// The bytes of a JSON string between its quotes, still escaped.
struct StringSpan {
    var start: Int
    var end: Int
    /// Whether the string contains a backslash escape, so its bytes are not its text.
    var hasEscapes: Bool
}

extension JSONScanner {
    /// Reads a string token (the current byte must be `"`), checking escapes and control bytes.
    mutating func readStringSpan() throws -> StringSpan {
        let open = position
        position += 1
        let start = position
        var escapes = false
        while position < end {
            let c = bytes[position]
            if c == UInt8(ascii: "\"") {
                let span = StringSpan(start: start, end: position, hasEscapes: escapes)
                position += 1
                return span
            }
            if c == UInt8(ascii: "\\") {
                escapes = true
                guard position + 1 < end else { break }
                switch bytes[position + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    guard position + 5 < end else { throw syntaxError("four hex digits after \\u", at: position) }
                    for i in 2...5 where Self.hexValue(bytes[position + i]) == nil {
                        throw syntaxError("four hex digits after \\u", at: position)
                    }
                    position += 6
                default:
                    throw syntaxError("a valid escape after '\\'", at: position)
                }
                continue
            }
            guard c >= 0x20 else { throw syntaxError("no control characters inside a string", at: position) }
            position += 1
        }
        throw syntaxError("the closing '\"' of the string opened at byte \(open)", at: end)
    }

    /// Reads a string value (after optional whitespace) as text.
    mutating func readString(_ what: @autoclosure () -> String) throws -> String {
        guard peek() == UInt8(ascii: "\"") else { throw syntaxError(what()) }
        return try decode(try readStringSpan())
    }

    /// The text of a string span, unescaped and checked to be UTF-8.
    func decode(_ span: StringSpan) throws -> String {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[span.start..<span.end])
        if !span.hasEscapes {
            guard let text = String(validating: raw, as: UTF8.self) else { throw notUTF8(span) }
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = span.start
        while i < span.end {
            let c = bytes[i]
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                i += 1
                continue
            }
            // readStringSpan checked that every escape is complete and well formed.
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: i)
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 6 <= span.end, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw syntaxError("a low surrogate after a high surrogate escape", at: i)
                    }
                    let low = hex4(at: i + 2)
                    guard (0xDC00..<0xE000).contains(low) else { throw syntaxError("a low surrogate escape", at: i) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw syntaxError("no lone low surrogate escape", at: i - 6)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw syntaxError("a valid \\u escape", at: i - 6) }
                if let encoded = UTF8.encode(unicode) { out.append(contentsOf: encoded) }
            default: out.append(e)
            }
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw notUTF8(span) }
        return text
    }

    /// Whether a span's text equals `literal` (compared on raw bytes when it has no escapes).
    func span(_ span: StringSpan, equals literal: StaticString) -> Bool {
        if span.hasEscapes { return (try? decode(span)) == literal.description }
        let count = literal.utf8CodeUnitCount
        guard span.end - span.start == count else { return false }
        return literal.withUTF8Buffer { text in
            for i in 0..<count where bytes[span.start + i] != text[i] { return false }
            return true
        }
    }

    /// Whether a span's text equals the UTF-8 bytes `name`.
    func span(_ span: StringSpan, equals name: [UInt8]) -> Bool {
        if span.hasEscapes {
            guard let text = try? decode(span) else { return false }
            return text.utf8.elementsEqual(name)
        }
        guard span.end - span.start == name.count else { return false }
        for i in 0..<name.count where bytes[span.start + i] != name[i] { return false }
        return true
    }

    private func notUTF8(_ span: StringSpan) -> RuntimeError {
        RuntimeError(.badInput, "the body is not valid JSON: the string at byte \(span.start - 1) is not valid UTF-8")
    }

    private func hex4(at offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 { value = value << 4 | UInt32(Self.hexValue(bytes[offset + k]) ?? 0) }
        return value
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
