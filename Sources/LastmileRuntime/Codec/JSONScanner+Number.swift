extension JSONScanner {
    /// Reads a number token (after optional whitespace), checking the JSON grammar.
    mutating func readNumber() throws -> JSONNumber {
        skipWhitespace()
        let start = position
        var number = JSONNumber(start: start, end: start, negative: false, mantissa: 0, exponent: 0, exact: true, isInteger: true)
        if current == UInt8(ascii: "-") {
            number.negative = true
            position += 1
        }
        let first = current
        guard first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { throw syntaxError("a value", at: start) }
        if first == UInt8(ascii: "0") {
            position += 1
        } else {
            readDigits(into: &number, fraction: false)
        }
        if current == UInt8(ascii: ".") {
            number.isInteger = false
            position += 1
            let digits = position
            readDigits(into: &number, fraction: true)
            guard position > digits else { throw syntaxError("a digit after '.'") }
        }
        if current | 0x20 == UInt8(ascii: "e") {
            number.isInteger = false
            position += 1
            var negativeExponent = false
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                negativeExponent = current == UInt8(ascii: "-")
                position += 1
            }
            let digits = position
            var value = 0
            while position < end, case let d = bytes[position] &- UInt8(ascii: "0"), d < 10 {
                if value < 1_000_000 { value = value * 10 + Int(d) }
                position += 1
            }
            guard position > digits else { throw syntaxError("a digit in the exponent") }
            number.exponent += negativeExponent ? -value : value
        }
        number.end = position
        return number
    }

    /// Reads a run of digits into the significand.
    @inline(__always)
    private mutating func readDigits(into number: inout JSONNumber, fraction: Bool) {
        var i = position
        while i < end {
            let d = bytes[i] &- UInt8(ascii: "0")
            guard d < 10 else { break }
            // Below 10^18 another digit cannot overflow, so the common case skips the checks.
            if number.mantissa < 1_000_000_000_000_000_000 {
                number.mantissa = number.mantissa &* 10 &+ UInt64(d)
                if fraction { number.exponent -= 1 }
            } else {
                number.accumulate(d, fraction: fraction)
            }
            i += 1
        }
        position = i
    }
}
