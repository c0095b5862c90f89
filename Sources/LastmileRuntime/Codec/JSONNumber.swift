/// A JSON number token: its byte range and its decimal significand and exponent.
///
/// `mantissa × 10^exponent` is the value when `exact` is true; otherwise digits past what fits
/// in a UInt64 were dropped and conversions fall back to the token's text.
struct JSONNumber {
    var start: Int
    var end: Int
    var negative: Bool
    var mantissa: UInt64
    var exponent: Int
    var exact: Bool
    /// Whether the token has neither a fraction nor an exponent.
    var isInteger: Bool
}

extension JSONNumber {
    /// 10^e for 0 <= e <= 22, all exact doubles (a switch compiles to a constant table).
    @inline(__always)
    private static func powerOf10(_ e: Int) -> Double {
        switch e {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    @inline(__always)
    mutating func accumulate(_ digit: UInt8, fraction: Bool) {
        if exact {
            let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            if !o1 && !o2 {
                mantissa = sum
                if fraction { exponent -= 1 }
                return
            }
            exact = false
        }
        if !fraction { exponent += 1 }
    }

    /// The value when Clinger's fast path applies: the significand and the power of ten are
    /// both exact doubles, so one IEEE multiply or divide rounds correctly.
    @inline(__always)
    private var fastDouble: Double? {
        guard exact, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let m = Double(mantissa)
        let value = exponent < 0 ? m / Self.powerOf10(-exponent) : m * Self.powerOf10(exponent)
        return negative ? -value : value
    }

    private func text(in bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The correctly rounded Double (infinite when the text is beyond Double's range).
    func double(in bytes: UnsafeRawBufferPointer) -> Double {
        if let value = fastDouble { return value }
        // The stdlib parser is correctly rounded and locale-independent; the token was checked
        // against the JSON grammar, which it accepts.
        return Double(text(in: bytes)) ?? .nan
    }

    /// The correctly rounded Float (infinite when the text is beyond Float's range).
    func float(in bytes: UnsafeRawBufferPointer) -> Float {
        if exact, mantissa <= 1 << 24, exponent >= -10, exponent <= 10 {
            let m = Float(mantissa)
            let value = exponent < 0 ? m / Float(Self.powerOf10(-exponent)) : m * Float(Self.powerOf10(exponent))
            return negative ? -value : value
        }
        if let d = fastDouble {
            // Rounding the correctly rounded double to Float is wrong only when the double
            // lands exactly halfway between two floats; those (and subnormals) take the slow path.
            let f = Float(d)
            if f.isNormal, d.magnitude >= Double(Float.leastNormalMagnitude), d.bitPattern & 0x1FFF_FFFF != 0x1000_0000 {
                return f
            }
        }
        return Float(text(in: bytes)) ?? .nan
    }

    /// The value as a Float16, rounded through Double.
    func float16(in bytes: UnsafeRawBufferPointer) -> Float16 {
        Float16(double(in: bytes))
    }

    /// The exact integer value, or nil when it is fractional or does not fit `T`.
    func integer<T: FixedWidthInteger>(_: T.Type, in bytes: UnsafeRawBufferPointer) -> T? {
        if isInteger {
            guard exact else { return nil }
            if !negative { return T(exactly: mantissa) }
            if mantissa == 0 { return 0 }
            guard T.isSigned, mantissa <= UInt64(Int64.max) + 1 else { return nil }
            let value = mantissa == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mantissa)
            return T(exactly: value)
        }
        let d = double(in: bytes)
        guard d.isFinite, d.rounded(.towardZero) == d else { return nil }
        return T(exactly: d)
    }
}
