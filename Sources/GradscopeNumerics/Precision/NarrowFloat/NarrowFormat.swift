import RealModule

/// The layout of a floating-point format of 8 bits or fewer, and how values round into it.
///
/// A value is `(−1)^s × 2^(e − bias) × 1.m` for exponent fields e ≥ 1 and
/// `(−1)^s × 2^(1 − bias) × 0.m` for e = 0 (subnormals). Which encodings are special:
///
/// | format | bits | max finite | smallest subnormal | Inf | NaN |
/// |---|---|---|---|---|---|
/// | float8_e4m3fn | 1-4-3 | 448 | 2⁻⁹ | none | S.1111.111 |
/// | float8_e5m2 | 1-5-2 | 57344 | 2⁻¹⁶ | S.11111.00 | S.11111.xx |
/// | float6_e3m2fn | 1-3-2 | 28 | 2⁻⁴ | none | none |
/// | float6_e2m3fn | 1-2-3 | 7.5 | 2⁻³ | none | none |
/// | float4_e2m1fn | 1-2-1 | 6 | 0.5 | none | none |
///
/// Rounding is to nearest, ties to even, once, from the exact `Double`; past the largest
/// finite value the ``OverflowRule`` decides. NaN inputs are stored as ml_dtypes stores
/// them: e4m3fn S.1111.111, e5m2 S.11111.10, and in the formats without NaN the zero of
/// the *opposite* sign (ml_dtypes 0.7 writes +NaN as −0 and −NaN as +0).
/// See [OCP 8-bit Floating Point](https://www.opencompute.org/documents/ocp-8-bit-floating-point-specification-ofp8-revision-1-0-2023-12-01-pdf-1)
/// and [OCP Microscaling Formats v1.0](https://www.opencompute.org/documents/ocp-microscaling-formats-mx-v1-0-spec-final-pdf).
public struct NarrowFormat: Sendable, Hashable {
    /// Which encodings are not finite numbers.
    public enum Specials: Sendable, Hashable {
        /// IEEE 754: the all-ones exponent holds ±Inf (fraction 0) and NaNs (e5m2).
        case infinityAndNaN
        /// Only S.1111.111 is NaN; no Inf (the "fn" of e4m3fn: finite and NaN).
        case nanOnly
        /// Every encoding is a finite number (the MX element formats).
        case finiteOnly
    }

    public let exponentBitCount: Int
    public let significandBitCount: Int
    public let specials: Specials
    /// What happens past the largest finite value.
    public let overflow: OverflowRule

    public init(exponentBitCount: Int, significandBitCount: Int, specials: Specials, overflow: OverflowRule) {
        precondition(1 + exponentBitCount + significandBitCount <= 8, "A narrow format has at most 8 bits.")
        self.exponentBitCount = exponentBitCount
        self.significandBitCount = significandBitCount
        self.specials = specials
        self.overflow = specials == .finiteOnly ? .saturate : overflow
    }

    /// The same layout with another overflow rule (a format without Inf and NaN stays saturating).
    public func with(overflow rule: OverflowRule) -> NarrowFormat {
        NarrowFormat(exponentBitCount: exponentBitCount, significandBitCount: significandBitCount, specials: specials, overflow: rule)
    }

    /// The spelling ml_dtypes and PyTorch use: `float8_e4m3fn`, `float8_e5m2`, `float6_e3m2fn`, ….
    public var name: String {
        "float\(bitCount)_e\(exponentBitCount)m\(significandBitCount)" + (specials == .infinityAndNaN ? "" : "fn")
    }

    /// 1 + exponent bits + significand bits: 8, 6 or 4.
    @inlinable public var bitCount: Int { 1 + exponentBitCount + significandBitCount }
    /// The sign bit's mask in the low `bitCount` bits of a byte.
    @inlinable public var signMask: UInt8 { UInt8(1) << (bitCount - 1) }
    /// 2^(exponent bits − 1) − 1: 7, 15, 3, 1, 1.
    @inlinable public var bias: Int { (1 << (exponentBitCount - 1)) - 1 }
    /// The exponent of the smallest normal value, 1 − bias.
    @inlinable public var minimumExponent: Int { 1 - bias }
    /// Whether ±Inf exist.
    @inlinable public var hasInfinity: Bool { specials == .infinityAndNaN }
    /// Whether NaN exists.
    @inlinable public var hasNaN: Bool { specials != .finiteOnly }

    /// The magnitude bits of the largest finite value: 0x7E, 0x7B, 0x1F, 0x1F, 0x7.
    @inlinable public var greatestFiniteBits: UInt8 {
        let allOnes = signMask - 1
        switch specials {
        case .infinityAndNaN: return allOnes - (UInt8(1) << significandBitCount)  // exponent all-ones − 1, fraction all ones
        case .nanOnly: return allOnes - 1
        case .finiteOnly: return allOnes
        }
    }

    /// The largest finite value: 448, 57344, 28, 7.5, 6.
    @inlinable public var greatestFiniteMagnitude: Double { decode(greatestFiniteBits) }
    /// 2^(1 − bias): 2⁻⁶, 2⁻¹⁴, 2⁻², 1, 1.
    @inlinable public var leastNormalMagnitude: Double { Double(sign: .plus, exponent: minimumExponent, significand: 1) }
    /// 2^(1 − bias − significand bits): 2⁻⁹, 2⁻¹⁶, 2⁻⁴, 2⁻³, 2⁻¹.
    @inlinable public var leastNonzeroMagnitude: Double {
        Double(sign: .plus, exponent: minimumExponent - significandBitCount, significand: 1)
    }

    /// The bits a NaN is stored as (magnitude part): 0x7F for e4m3fn, 0x7E for e5m2, nil without NaN.
    @inlinable public var nanBits: UInt8? {
        switch specials {
        case .infinityAndNaN: return signMask - 1 - (UInt8(1) << significandBitCount) + 1 + (UInt8(1) << (significandBitCount - 1))
        case .nanOnly: return signMask - 1
        case .finiteOnly: return nil
        }
    }

    /// The magnitude bits of +Inf (0x7C for e5m2), nil without Inf.
    @inlinable public var infinityBits: UInt8? {
        hasInfinity ? signMask - (UInt8(1) << significandBitCount) : nil
    }

    // MARK: Decoding

    /// The exact value of the low `bitCount` bits of `bits` (higher bits are ignored).
    ///
    /// `decode(0x7E)` in e4m3fn is 448; S.1111.111 is NaN (with the sign); e5m2's
    /// S.11111.00 is ±Inf and S.11111.xx NaN.
    @inlinable
    public func decode(_ bits: UInt8) -> Double {
        let bits = bits & (signMask << 1 &- 1)
        let sign: FloatingPointSign = bits & signMask == 0 ? .plus : .minus
        let magnitude = bits & (signMask - 1)
        let fraction = Int(magnitude) & ((1 << significandBitCount) - 1)
        let field = Int(magnitude) >> significandBitCount
        let allOnes = (1 << exponentBitCount) - 1
        switch specials {
        case .infinityAndNaN where field == allOnes:
            return fraction == 0 ? (sign == .minus ? -.infinity : .infinity) : (sign == .minus ? -Double.nan : .nan)
        case .nanOnly where magnitude == signMask - 1:
            return sign == .minus ? -Double.nan : .nan
        default:
            break
        }
        let significand = field == 0 ? Double(fraction) : Double(fraction + (1 << significandBitCount))
        let exponent = max(field, 1) - bias - significandBitCount
        return Double(sign: sign, exponent: exponent, significand: significand)
    }

    // MARK: Rounding

    /// Rounds `value` to the format, to nearest with ties to even, once; returns the bits.
    ///
    /// Past the largest finite value (the tie included when it rounds away from it, as at
    /// 7.75 in e2m3fn, but not at 464 in e4m3fn, whose 448 is even) the ``overflow`` rule
    /// applies; ±Inf count as past it. NaN as in the type's documentation.
    @inlinable
    public func encode(_ value: Double) -> UInt8 {
        let signBit: UInt8 = value.sign == .minus ? signMask : 0
        if value.isNaN {
            if let nanBits { return signBit | nanBits }
            return signBit ^ signMask  // ml_dtypes: the zero of the opposite sign
        }
        let magnitude = value.magnitude
        if magnitude == 0 { return signBit }
        let rounded = roundedMagnitude(magnitude)
        if rounded > greatestFiniteMagnitude {
            if overflow == .nonfinite, let past = infinityBits ?? nanBits { return signBit | past }
            return signBit | greatestFiniteBits
        }
        // `rounded` is representable: read its fields back.
        let exponent = rounded.exponent
        if rounded < leastNormalMagnitude {
            return signBit | UInt8(rounded / leastNonzeroMagnitude)
        }
        let field = exponent + bias
        let fraction = Int(Double(sign: .plus, exponent: significandBitCount - exponent, significand: rounded)) - (1 << significandBitCount)
        return signBit | UInt8(field << significandBitCount | fraction)
    }

    /// `magnitude` (positive, non-NaN) rounded to nearest-even on this format's grid,
    /// with an unbounded exponent range above: +Inf stays +Inf, and values past the
    /// largest finite one come back larger than it.
    @inlinable
    public func roundedMagnitude(_ magnitude: Double) -> Double {
        guard magnitude.isFinite else { return magnitude }
        // The spacing at `magnitude`: 2^(max(exponent, emin) − significand bits). Scaling by
        // a power of two is exact here, so the one rounding is `.toNearestOrEven`.
        let quantumExponent = max(magnitude.exponent, minimumExponent) - significandBitCount
        let units = Double(sign: .plus, exponent: -quantumExponent, significand: magnitude).rounded(.toNearestOrEven)
        return Double(sign: .plus, exponent: quantumExponent, significand: units)
    }

    /// Whether `value` rounds past the largest finite value (±Inf included, NaN not),
    /// whatever the overflow rule then stores: the "overflow" of a saturating format.
    @inlinable
    public func roundsPastGreatestFinite(_ value: Double) -> Bool {
        !value.isNaN && roundedMagnitude(value.magnitude) > greatestFiniteMagnitude
    }
}

extension NarrowFormat {
    /// float8_e4m3fn: 1-4-3, bias 7, max 448, NaN S.1111.111, no Inf.
    public static let float8E4M3FN = NarrowFormat(exponentBitCount: 4, significandBitCount: 3, specials: .nanOnly, overflow: .nonfinite)
    /// float8_e5m2: 1-5-2, bias 15, max 57344, IEEE Inf and NaN.
    public static let float8E5M2 = NarrowFormat(exponentBitCount: 5, significandBitCount: 2, specials: .infinityAndNaN, overflow: .nonfinite)
    /// float6_e3m2fn: 1-3-2, bias 3, max 28, no Inf or NaN.
    public static let float6E3M2FN = NarrowFormat(exponentBitCount: 3, significandBitCount: 2, specials: .finiteOnly, overflow: .saturate)
    /// float6_e2m3fn: 1-2-3, bias 1, max 7.5, no Inf or NaN.
    public static let float6E2M3FN = NarrowFormat(exponentBitCount: 2, significandBitCount: 3, specials: .finiteOnly, overflow: .saturate)
    /// float4_e2m1fn: 1-2-1, bias 1, max 6, no Inf or NaN.
    public static let float4E2M1FN = NarrowFormat(exponentBitCount: 2, significandBitCount: 1, specials: .finiteOnly, overflow: .saturate)
}
