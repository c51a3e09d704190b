// Representation, classification and constants; comparisons, hashing and striding come
// from ``FloatSubset``. Everything that reads a value's parts goes through the exact
// `floatValue` or through the bits.

extension NarrowFloatingPoint {
    // MARK: Literals

    /// Rounds the literal, read as a `Double`, to the format.
    @inlinable
    public init(floatLiteral value: Double) { self.init(value) }

    @inlinable
    public init(integerLiteral value: Int) { self.init(Double(value)) }

    // MARK: Parts

    @inlinable public static var exponentBitCount: Int { format.exponentBitCount }
    @inlinable public static var significandBitCount: Int { format.significandBitCount }

    @inlinable
    public var exponentBitPattern: UInt { UInt(bitPattern & (Self.format.signMask - 1)) >> Self.format.significandBitCount }

    @inlinable
    public var significandBitPattern: UInt8 { bitPattern & ((1 << Self.format.significandBitCount) - 1) }

    @inlinable
    public var sign: FloatingPointSign { bitPattern & Self.format.signMask == 0 ? .plus : .minus }

    /// Creates a value from its fields; extra high bits of the fields are ignored.
    @inlinable
    public init(sign: FloatingPointSign, exponentBitPattern: UInt, significandBitPattern: UInt8) {
        let format = Self.format
        let signBit = sign == .minus ? format.signMask : 0
        let exponentBits = UInt8(truncatingIfNeeded: exponentBitPattern & ((1 << format.exponentBitCount) - 1)) << format.significandBitCount
        self.init(bitPattern: signBit | exponentBits | significandBitPattern & ((1 << format.significandBitCount) - 1))
    }

    /// `significand` × 2^`exponent` with the given sign, rounded once (exact in Double first).
    @inlinable
    public init(sign: FloatingPointSign, exponent: Int, significand: Self) {
        self.init(Double(sign: sign, exponent: exponent, significand: significand.doubleValue))
    }

    @inlinable
    public init(signOf sign: Self, magnitudeOf magnitude: Self) {
        let mask = Self.format.signMask
        self.init(bitPattern: sign.bitPattern & mask | magnitude.bitPattern & (mask - 1))
    }

    /// The exponent of the leading bit; `Int.min` for zero, `Int.max` for Inf and NaN.
    @inlinable
    public var exponent: Int { floatValue.exponent }

    /// The significand in [1, 2) (subnormals included); NaN for NaN.
    @inlinable
    public var significand: Self { Self(floatValue.significand) }

    /// The power of two at the start of this value's binade, with its sign; NaN for NaN.
    @inlinable
    public var binade: Self { Self(floatValue.binade) }

    /// Fraction bits needed after the leading bit: 0 for powers of two, −1 for zero.
    @inlinable
    public var significandWidth: Int { floatValue.significandWidth }

    /// The distance to the next larger magnitude (at least the smallest subnormal); NaN for
    /// ±Inf and NaN.
    @inlinable
    public var ulp: Self {
        guard isFinite else { return .nan }
        let format = Self.format
        let field = max(Int(exponentBitPattern), 1)
        return Self(Double(sign: .plus, exponent: field - format.bias - format.significandBitCount, significand: 1))
    }

    /// The least value greater than this one: ±0 give the smallest subnormal; NaN stays NaN.
    /// The largest finite value gives ``infinity`` (which is NaN in e4m3fn and the largest
    /// finite value itself in the formats without Inf); +Inf stays +Inf.
    @inlinable
    public var nextUp: Self {
        if isNaN || self == .infinity { return self }
        if self == .greatestFiniteMagnitude { return .infinity }
        let mask = Self.format.signMask
        if bitPattern & mask == 0 { return Self(bitPattern: bitPattern + 1) }
        if bitPattern == mask { return .leastNonzeroMagnitude }
        if isInfinite { return -.greatestFiniteMagnitude }
        return Self(bitPattern: bitPattern - 1)
    }

    @inlinable
    public var magnitude: Self { Self(bitPattern: bitPattern & (Self.format.signMask - 1)) }

    @inlinable
    public mutating func negate() { self = -self }

    // MARK: Constants

    /// A quiet NaN: S.1111.111 in e4m3fn, 0.11111.10 in e5m2; in the formats without NaN, what
    /// a NaN is stored as (−0, as ml_dtypes stores +NaN).
    @inlinable public static var nan: Self { Self(Double.nan) }
    /// The same as ``nan``: these formats have no signalling NaN.
    @inlinable public static var signalingNaN: Self { .nan }
    /// +Inf in e5m2; what +Inf is stored as elsewhere: NaN in e4m3fn, the largest value in
    /// the formats without Inf (and under ``Saturating``).
    @inlinable public static var infinity: Self { Self(Double.infinity) }
    /// 448, 57344, 28, 7.5, 6.
    @inlinable public static var greatestFiniteMagnitude: Self { Self(bitPattern: format.greatestFiniteBits) }
    /// 2^(1 − bias): 2⁻⁶, 2⁻¹⁴, 0.25, 1, 1.
    @inlinable public static var leastNormalMagnitude: Self { Self(bitPattern: 1 << format.significandBitCount) }
    /// The smallest subnormal: 2⁻⁹, 2⁻¹⁶, 2⁻⁴, 2⁻³, 0.5.
    @inlinable public static var leastNonzeroMagnitude: Self { Self(bitPattern: 1) }
    /// π rounded toward zero, as `FloatingPoint` requires: 3.0 in every narrow format.
    @inlinable public static var pi: Self {
        let nearest = Self(Double.pi)
        return nearest.doubleValue > .pi ? Self(bitPattern: nearest.bitPattern - 1) : nearest
    }

    // MARK: Classification

    @inlinable public var isNaN: Bool { doubleValue.isNaN }
    @inlinable public var isSignalingNaN: Bool { false }
    @inlinable public var isInfinite: Bool { doubleValue.isInfinite }
    @inlinable public var isFinite: Bool { doubleValue.isFinite }
    @inlinable public var isZero: Bool { bitPattern & (Self.format.signMask - 1) == 0 }
    @inlinable public var isSubnormal: Bool { exponentBitPattern == 0 && significandBitPattern != 0 }
    @inlinable public var isNormal: Bool { isFinite && exponentBitPattern != 0 }
    /// Always true: every encoding is canonical.
    @inlinable public var isCanonical: Bool { true }
}
