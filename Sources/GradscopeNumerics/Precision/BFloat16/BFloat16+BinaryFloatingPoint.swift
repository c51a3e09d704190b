// Representation, classification and constants; comparisons, hashing and striding come
// from ``FloatSubset``. Everything that reads a value's parts goes through the exact
// `Float(self)` or through the bits.

extension BFloat16: BinaryFloatingPoint, FloatSubset {
    public typealias RawSignificand = UInt16
    public typealias RawExponent = UInt
    public typealias Exponent = Int
    public typealias Magnitude = BFloat16
    public typealias Stride = BFloat16

    /// The exact value as a Float: the bits shifted into the upper half.
    @inlinable
    public var floatValue: Float { Float(self) }

    // MARK: Literals

    /// Rounds the literal, read as a `Double`, to the nearest `BFloat16`.
    @inlinable
    public init(floatLiteral value: Double) {
        self.init(value)
    }

    @inlinable
    public init(integerLiteral value: Int) {
        self.init(value)
    }

    // MARK: Parts

    @inlinable public static var exponentBitCount: Int { 8 }
    @inlinable public static var significandBitCount: Int { 7 }

    @inlinable
    public var exponentBitPattern: UInt { UInt(bitPattern >> 7) & 0xFF }

    @inlinable
    public var significandBitPattern: UInt16 { bitPattern & 0x7F }

    @inlinable
    public var sign: FloatingPointSign { bitPattern & 0x8000 == 0 ? .plus : .minus }

    /// Creates a value from its fields; extra high bits of the fields are ignored.
    @inlinable
    public init(sign: FloatingPointSign, exponentBitPattern: UInt, significandBitPattern: UInt16) {
        let signBit: UInt16 = sign == .minus ? 0x8000 : 0
        let exponentBits = UInt16(truncatingIfNeeded: exponentBitPattern & 0xFF) << 7
        self.init(bitPattern: signBit | exponentBits | significandBitPattern & 0x7F)
    }

    /// `significand` × 2^`exponent` with the given sign, rounded to nearest, ties to even.
    @inlinable
    public init(sign: FloatingPointSign, exponent: Int, significand: BFloat16) {
        // An 8-bit significand scaled by 2^exponent is exact in Float wherever it matters:
        // down to 2^−141 below the tie at 2^−134, and overflow is Inf in both.
        self.init(Float(sign: sign, exponent: exponent, significand: Float(significand)))
    }

    @inlinable
    public init(signOf sign: BFloat16, magnitudeOf magnitude: BFloat16) {
        self.init(bitPattern: sign.bitPattern & 0x8000 | magnitude.bitPattern & 0x7FFF)
    }

    /// The exponent of the leading bit; `Int.min` for zero, `Int.max` for Inf and NaN.
    @inlinable
    public var exponent: Int { Float(self).exponent }

    /// The significand in [1, 2) (subnormals included); NaN for NaN.
    @inlinable
    public var significand: BFloat16 { BFloat16(Float(self).significand) }

    /// The power of two at the start of this value's binade, with its sign; NaN for NaN.
    @inlinable
    public var binade: BFloat16 { BFloat16(Float(self).binade) }

    /// Fraction bits needed after the leading bit: 0 for powers of two, −1 for zero.
    @inlinable
    public var significandWidth: Int { Float(self).significandWidth }

    /// The distance to the next larger magnitude: 2^(exponent − 7), at least 2^−133;
    /// NaN for ±Inf and NaN.
    @inlinable
    public var ulp: BFloat16 {
        guard isFinite else { return .nan }
        let exponentBits = UInt16(exponentBitPattern)
        if exponentBits > 7 { return BFloat16(bitPattern: (exponentBits - 7) << 7) }
        // Zero, subnormals and the lowest normal binade: 2^−133 = bit 0; binade e ≤ 7: 2^(e−134).
        return BFloat16(bitPattern: 1 << (max(exponentBits, 1) - 1))
    }

    /// The least value greater than this one: +0 and −0 give 2^−133, the greatest finite
    /// magnitude gives +Inf, +Inf stays +Inf, −Inf gives −`greatestFiniteMagnitude`; NaN stays NaN.
    @inlinable
    public var nextUp: BFloat16 {
        if isNaN { return BFloat16(bitPattern: bitPattern | 0x0040) }
        if bitPattern & 0x8000 == 0 { return isInfinite ? self : BFloat16(bitPattern: bitPattern + 1) }
        if bitPattern == 0x8000 { return .leastNonzeroMagnitude }
        return BFloat16(bitPattern: bitPattern - 1)
    }

    @inlinable
    public var magnitude: BFloat16 { BFloat16(bitPattern: bitPattern & 0x7FFF) }

    @inlinable
    public mutating func negate() {
        self = BFloat16(bitPattern: bitPattern ^ 0x8000)
    }

    // MARK: Constants

    /// A quiet NaN (0x7FC0).
    @inlinable public static var nan: BFloat16 { BFloat16(bitPattern: 0x7FC0) }
    /// A signalling NaN (0x7FA0); any operation on it gives a quiet NaN.
    @inlinable public static var signalingNaN: BFloat16 { BFloat16(bitPattern: 0x7FA0) }
    @inlinable public static var infinity: BFloat16 { BFloat16(bitPattern: 0x7F80) }
    /// 0x7F7F = (2 − 2^−7) × 2^127 ≈ 3.3895313892515355e38.
    @inlinable public static var greatestFiniteMagnitude: BFloat16 { BFloat16(bitPattern: 0x7F7F) }
    /// 2^−126 ≈ 1.1755e−38, as for Float.
    @inlinable public static var leastNormalMagnitude: BFloat16 { BFloat16(bitPattern: 0x0080) }
    /// 2^−133 ≈ 9.1835e−41, the smallest subnormal.
    @inlinable public static var leastNonzeroMagnitude: BFloat16 { BFloat16(bitPattern: 0x0001) }
    /// π rounded toward zero, as `FloatingPoint` requires: 3.140625 (0x4049).
    @inlinable public static var pi: BFloat16 { BFloat16(bitPattern: 0x4049) }

    // MARK: Classification

    @inlinable public var isNaN: Bool { bitPattern & 0x7FFF > 0x7F80 }
    @inlinable public var isSignalingNaN: Bool { isNaN && bitPattern & 0x0040 == 0 }
    @inlinable public var isInfinite: Bool { bitPattern & 0x7FFF == 0x7F80 }
    @inlinable public var isFinite: Bool { bitPattern & 0x7F80 != 0x7F80 }
    @inlinable public var isZero: Bool { bitPattern & 0x7FFF == 0 }
    @inlinable public var isSubnormal: Bool { bitPattern & 0x7F80 == 0 && bitPattern & 0x7F != 0 }
    @inlinable public var isNormal: Bool { isFinite && bitPattern & 0x7F80 != 0 }
    /// Always true: every encoding is canonical.
    @inlinable public var isCanonical: Bool { true }
}
