/// A floating-point type of 8 bits or fewer, every operation rounded to it.
///
/// The five formats — ``Float8E4M3FN``, ``Float8E5M2``, ``Float6E3M2FN``, ``Float6E2M3FN``,
/// ``Float4E2M1FN`` — and ``Saturating`` (one of them with the `saturate` overflow rule)
/// share everything through this protocol; each only stores its bits and names its
/// ``NarrowFormat`` (the associated types and the ``GradFloat/precision`` follow from it):
///
///     Float8E4M3FN(8) * Float8E4M3FN(8) * Float8E4M3FN(8)     // nan: 512 is past 464
///     Saturating<Float8E4M3FN>(512)                           // 448.0
///     Float8E4M3FN(bitPattern: 0x7E)                          // 448.0
///     Double(Float8E5M2(bitPattern: 0x7C))                    // inf
///
/// + − × ÷ and √ are computed in `Float` and rounded once: correctly rounded, since Float's
/// 24 bits are at least 2p + 2 for the p ≤ 4 bits here (Figueroa 1995). The elementary
/// functions are Float's, rounded once, so they are correctly rounded unless the exact value
/// lies within a Float ulp of a tie. In the formats without Inf and NaN, ``infinity`` is the
/// largest finite value and ``nan`` is what a NaN is stored as (a zero); `isNaN` and
/// `isInfinite` are always false there.
public protocol NarrowFloatingPoint: GradFloat, FloatSubset, Codable, LosslessStringConvertible, CustomDebugStringConvertible
where RawSignificand == UInt8, RawExponent == UInt, Exponent == Int, Magnitude == Self, Stride == Self, BitPattern == UInt8 {
    /// The layout and the overflow rule.
    static var format: NarrowFormat { get }
    /// The raw bits, in the low ``NarrowFormat/bitCount`` bits (ml_dtypes' and PyTorch's byte).
    var bitPattern: UInt8 { get }
    /// The value with the given raw bits; bits above ``NarrowFormat/bitCount`` are ignored.
    init(bitPattern: UInt8)
}

extension NarrowFloatingPoint {
    /// Rounds `value` to nearest, ties to even, once (see ``NarrowFormat/encode(_:)``).
    @inlinable
    public init(_ value: Double) {
        self.init(bitPattern: Self.format.encode(value))
    }

    /// Rounds `value` to nearest, ties to even, once; exact in Double first.
    @inlinable
    public init(_ value: Float) {
        self.init(Double(value))
    }

    /// The ``Precision`` case of this layout: `float8E4M3FN` for ``Float8E4M3FN``, ….
    @inlinable
    public static var precision: Precision { Precision(narrowLayoutOf: format) }

    /// The exact value as a Double.
    @inlinable
    public var doubleValue: Double { Self.format.decode(bitPattern) }

    /// The exact value as a Float (every value of every narrow format is a Float).
    @inlinable
    public var floatValue: Float { Float(Self.format.decode(bitPattern)) }

    /// The low bits that hold a value: 0xFF, 0x3F or 0x0F.
    @inlinable
    static var valueMask: UInt8 { Self.format.signMask << 1 &- 1 }
}
