import LastmileTensor

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Branch-free float32 approximations of exp, tanh, sigmoid and erf, accurate to a few ulp.
///
/// They use only arithmetic, comparisons and bit casts, so loops over arrays vectorise (the
/// approach of onnxruntime's MLAS kernels). NaN propagates, and out-of-range arguments
/// saturate (exp overflows to infinity and underflows through subnormals to zero).
enum FastMath {
    /// e^x.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        // Beyond 88.8 the result overflows to infinity and below -104 it rounds to zero, so
        // clamping there keeps the integer part in range without changing the result.
        let x = Swift.min(Swift.max(x, -104), 88.8)
        // Round x / ln 2 to an integer n with the 1.5 * 2^23 trick: no float-to-int conversion,
        // which would trap on NaN.
        let shifted = x * 1.442_695_04 + 12_582_912
        let n = shifted - 12_582_912
        let ni = Int32(bitPattern: shifted.bitPattern &- 0x4B40_0000)
        let r = (x - n * 0.693_359_375) - n * -2.121_944_4e-4
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        p = p * (r * r) + r + 1
        // 2^n as two factors, so that n in [-150, 128] never leaves the normal exponent range.
        let half = ni >> 1
        let scale1 = Float(bitPattern: UInt32(bitPattern: (half &+ 127) &<< 23))
        let scale2 = Float(bitPattern: UInt32(bitPattern: (ni &- half &+ 127) &<< 23))
        return p * scale1 * scale2
    }

    /// The natural logarithm: exponent and mantissa split from the bits (subnormals scaled
    /// first), and Cephes' polynomial for log(1 + m), |m| < sqrt(2) - 1.
    @inline(__always)
    static func log(_ x: Float) -> Float {
        let subnormal = x < .leastNormalMagnitude
        let scaled = select(subnormal, x * 8_388_608, x)
        let bits = scaled.bitPattern
        let exponent = Int32(bitPattern: (bits >> 23) & 0xFF) &- (subnormal ? 149 : 126)
        // The mantissa in [0.5, 1); below sqrt(1/2) it is doubled, so m - 1 stays small.
        let mantissa = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F00_0000)
        let low = mantissa < 0.707_106_77
        let m = select(low, mantissa + mantissa - 1, mantissa - 1)
        let e = Float(exponent &- (low ? 1 : 0))
        let z = m * m
        var p: Float = 7.037_683_629_2e-2
        p = p * m - 1.151_461_031_0e-1
        p = p * m + 1.167_699_874_0e-1
        p = p * m - 1.242_014_084_6e-1
        p = p * m + 1.424_932_278_7e-1
        p = p * m - 1.666_805_766_5e-1
        p = p * m + 2.000_071_476_5e-1
        p = p * m - 2.499_999_399_3e-1
        p = p * m + 3.333_333_117_4e-1
        var y = p * m * z
        y = y + e * -2.121_944_4e-4
        y = y - 0.5 * z
        let r = m + y + e * 0.693_359_375
        // log(0) = -inf, log(inf) = inf, negatives and NaN give NaN.
        let special = select(x == 0, -.infinity, select(x == .infinity, .infinity, .nan))
        return select(x > 0 && x < .infinity, r, special)
    }

    /// A float16 widened to float32, exactly (NaN payloads are kept, subnormals scaled).
    ///
    /// Swift's own conversion is a library call on x86-64 without F16C; this one is bit
    /// arithmetic that vectorises (Fabian Giesen's `half_to_float`).
    @inline(__always)
    static func float(_ h: Float16) -> Float {
        let bits = UInt32(h.bitPattern)
        let magnitude = Float(bitPattern: (bits & 0x7FFF) &<< 13) * 0x1p112
        let special = Float(bitPattern: magnitude.bitPattern | 0x7F80_0000)
        let widened = select(magnitude >= 65_536, special, magnitude)
        return Float(bitPattern: widened.bitPattern | ((bits & 0x8000) &<< 16))
    }

    /// A float32 rounded to the nearest float16 (ties to even); overflow gives infinity and
    /// NaN stays NaN. Bit arithmetic that vectorises (Giesen's `float_to_half_fast3_rtne`).
    @inline(__always)
    static func half(_ x: Float) -> Float16 {
        let sign = x.bitPattern & 0x8000_0000
        let magnitude = x.bitPattern ^ sign
        // Infinity, NaN (quiet) and values that overflow.
        let special: UInt32 = magnitude > 0x7F80_0000 ? 0x7E00 : 0x7C00
        // Results that are float16 subnormals or zero: let the float adder round them.
        let denormMagic: UInt32 = ((127 - 15) + (23 - 10) + 1) << 23
        let subnormal = (Float(bitPattern: magnitude) + Float(bitPattern: denormMagic)).bitPattern &- denormMagic
        // Normal results: rebias the exponent and round the mantissa to nearest even.
        let odd = (magnitude >> 13) & 1
        let normal = (magnitude &+ (UInt32(bitPattern: 15 - 127) &<< 23) &+ 0xFFF &+ odd) >> 13
        let isSpecial: UInt32 = magnitude >= (127 + 16) << 23 ? .max : 0
        let isSubnormal: UInt32 = magnitude < 113 << 23 ? .max : 0
        let chosen = (special & isSpecial) | (subnormal & isSubnormal & ~isSpecial) | (normal & ~isSubnormal & ~isSpecial)
        return Float16(bitPattern: UInt16(truncatingIfNeeded: chosen | (sign >> 16)))
    }

    /// `condition ? a : b` through a bit mask: `?:` choosing a constant can compile to an
    /// unpredictable branch, which also stops the loop from vectorising.
    @inline(__always)
    static func select(_ condition: Bool, _ a: Float, _ b: Float) -> Float {
        let mask: UInt32 = condition ? .max : 0
        return Float(bitPattern: (a.bitPattern & mask) | (b.bitPattern & ~mask))
    }

    /// 1 / (1 + e^-x).
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        1 / (1 + exp(-x))
    }

    /// tanh(x), as Eigen's odd rational approximation of degree 13/6 (relative error stays
    /// small near zero, unlike 1 - 2 / (e^2x + 1)).
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let x = Swift.min(Swift.max(x, -7.905_311_107_635_498), 7.905_311_107_635_498)
        let x2 = x * x
        var p: Float = -2.760_768_477_423_55e-16
        p = p * x2 + 2.000_187_904_824_77e-13
        p = p * x2 - 8.604_671_522_137_35e-11
        p = p * x2 + 5.122_297_090_371_14e-08
        p = p * x2 + 1.485_722_357_179_79e-05
        p = p * x2 + 6.372_619_288_754_36e-04
        p = p * x2 + 4.893_524_558_917_86e-03
        var q: Float = 1.198_258_394_667_02e-06
        q = q * x2 + 1.185_347_056_866_54e-04
        q = q * x2 + 2.268_434_632_439_00e-03
        q = q * x2 + 4.893_525_185_543_85e-03
        return x * p / q
    }

    /// erf(x): an odd polynomial below |x| = 0.921875 and 1 - e^(-poly(|x|)) above, both
    /// evaluated and one selected (the split MLAS uses).
    @inline(__always)
    static func erf(_ x: Float) -> Float {
        let a = Swift.abs(x)
        let a2 = a * a
        var small: Float = -5.991_049_69e-4
        small = small * a2 + 4.993_395_88e-3
        small = small * a2 - 2.676_673_42e-2
        small = small * a2 + 1.128_180_25e-1
        small = small * a2 - 3.761_248_59e-1
        small = small * a2 + 1.283_791_51e-1
        small = small * x + x
        let c = Swift.min(a, 3.925)
        var big: Float = 1.729_489_30e-5
        big = big * c - 3.832_086_80e-4
        big = big * c + 3.883_934_35e-3
        big = big * c - 2.425_456_05e-2
        big = big * c + 1.067_778_47e-1
        big = big * c + 6.348_466_87e-1
        big = big * c + 1.287_175_12e-1
        big = big * c + c
        let magnitude = 1 - exp(-big)
        let signed = x < 0 ? -magnitude : magnitude
        return a > 0.921_875 ? signed : small
    }
}

/// x^y with the C library's semantics (a negative base with an integral exponent works),
/// which swift-numerics' `pow` does not give.
@inline(__always)
func cPow<T: FloatElement>(_ x: T, _ y: T) -> T {
    if T.self == Float.self, let fx = x as? Float, let fy = y as? Float, let r = powf(fx, fy) as? T {
        return r
    }
    return T(pow(Double(x), Double(y)))
}
