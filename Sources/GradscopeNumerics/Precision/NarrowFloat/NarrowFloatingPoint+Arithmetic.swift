// + − × ÷ and √ of narrow values are computed in Float and rounded once: correctly rounded,
// since a p-bit result rounded first to q ≥ 2p + 2 bits and then to p bits is the correctly
// rounded p-bit result (Figueroa 1995), and 24 ≥ 2·4 + 2. Float's range covers every
// narrow format with room to spare, so sums, products and quotients never over- or
// underflow in Float before the one rounding.

extension NarrowFloatingPoint {
    @inlinable
    public static func + (lhs: Self, rhs: Self) -> Self { Self(lhs.floatValue + rhs.floatValue) }

    @inlinable
    public static func - (lhs: Self, rhs: Self) -> Self { Self(lhs.floatValue - rhs.floatValue) }

    @inlinable
    public static func * (lhs: Self, rhs: Self) -> Self { Self(lhs.floatValue * rhs.floatValue) }

    @inlinable
    public static func / (lhs: Self, rhs: Self) -> Self { Self(lhs.floatValue / rhs.floatValue) }

    @inlinable public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
    @inlinable public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
    @inlinable public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
    @inlinable public static func /= (lhs: inout Self, rhs: Self) { lhs = lhs / rhs }

    /// Flips the sign bit, also of zeros and NaNs.
    @inlinable
    public static prefix func - (operand: Self) -> Self { Self(bitPattern: operand.bitPattern ^ format.signMask) }

    /// The correctly rounded square root; NaN below zero (a zero in the formats without NaN), −0 for −0.
    @inlinable
    public func squareRoot() -> Self { Self(floatValue.squareRoot()) }

    @inlinable
    public mutating func formSquareRoot() { self = squareRoot() }

    /// `self + lhs × rhs` rounded once: the product of two ≤ 4-bit significands and the sum
    /// are exact in Double.
    @inlinable
    public func addingProduct(_ lhs: Self, _ rhs: Self) -> Self {
        Self(doubleValue + lhs.doubleValue * rhs.doubleValue)
    }

    @inlinable
    public mutating func addProduct(_ lhs: Self, _ rhs: Self) { self = addingProduct(lhs, rhs) }

    /// The IEEE remainder `self − n × other`, n the nearest integer to `self / other`; exact.
    @inlinable
    public mutating func formRemainder(dividingBy other: Self) {
        self = Self(floatValue.remainder(dividingBy: other.floatValue))
    }

    /// `self − n × other`, n = `self / other` truncated toward zero; exact, sign of `self`.
    @inlinable
    public mutating func formTruncatingRemainder(dividingBy other: Self) {
        self = Self(floatValue.truncatingRemainder(dividingBy: other.floatValue))
    }

    /// Rounds to an integral value with `rule`; exact, since the result is representable.
    @inlinable
    public mutating func round(_ rule: FloatingPointRoundingRule) {
        self = Self(floatValue.rounded(rule))
    }
}
