/// A narrow format with the `saturate` overflow rule: past the largest finite value, and for
/// ±Inf, rounding gives ±max instead of NaN or ±Inf. NaN stays NaN.
///
///     Saturating<Float8E4M3FN>(1e6)            // 448.0 (Float8E4M3FN(1e6) is nan)
///     Saturating<Float8E5M2>(-.infinity)       // -57344.0
///
/// The bits are the base format's: `Saturating<Float8E4M3FN>(bitPattern: b)` and
/// `Float8E4M3FN(bitPattern: b)` are the same value. The formats without Inf and NaN already
/// saturate, so `Saturating` changes nothing for them.
@frozen
public struct Saturating<Base: NarrowFloatingPoint>: NarrowFloatingPoint {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }

    /// The base format's layout with the `saturate` rule.
    @inlinable public static var format: NarrowFormat { Base.format.with(overflow: .saturate) }
    /// The base format's precision: the rule is a setting of the run, not another format.
    @inlinable public static var precision: Precision { Base.precision }

    /// The same bits as the base format.
    @inlinable
    public init(_ base: Base) { self.init(bitPattern: base.bitPattern) }
}
