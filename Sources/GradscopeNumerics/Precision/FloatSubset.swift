/// A floating-point type whose every value is exactly a `Float`: ``BFloat16`` and the
/// ``NarrowFloatingPoint`` formats. It compares, hashes and strides through that `Float`,
/// so comparisons follow IEEE 754 (NaN is unordered, −0 == +0) with no rounding at all.
///
///     BFloat16(-0.0) == BFloat16(0)                  // true, and both hash alike
///     Float8E4M3FN.nan < Float8E4M3FN(1)             // false: NaN is unordered
public protocol FloatSubset: BinaryFloatingPoint {
    /// The integer that holds the raw bits.
    associatedtype BitPattern: FixedWidthInteger
    /// The raw bits.
    var bitPattern: BitPattern { get }
    /// The exact value as a Float.
    var floatValue: Float { get }
}

extension FloatSubset {
    // MARK: Comparison

    @inlinable
    public func isEqual(to other: Self) -> Bool { floatValue == other.floatValue }

    @inlinable
    public func isLess(than other: Self) -> Bool { floatValue < other.floatValue }

    @inlinable
    public func isLessThanOrEqualTo(_ other: Self) -> Bool { floatValue <= other.floatValue }

    /// IEEE 754 totalOrder: −NaN < −Inf < … < −0 < +0 < … < +Inf < +NaN.
    @inlinable
    public func isTotallyOrdered(belowOrEqualTo other: Self) -> Bool {
        floatValue.isTotallyOrdered(belowOrEqualTo: other.floatValue)
    }

    @inlinable public static func == (lhs: Self, rhs: Self) -> Bool { lhs.floatValue == rhs.floatValue }
    @inlinable public static func < (lhs: Self, rhs: Self) -> Bool { lhs.floatValue < rhs.floatValue }
    @inlinable public static func <= (lhs: Self, rhs: Self) -> Bool { lhs.floatValue <= rhs.floatValue }
    @inlinable public static func > (lhs: Self, rhs: Self) -> Bool { lhs.floatValue > rhs.floatValue }
    @inlinable public static func >= (lhs: Self, rhs: Self) -> Bool { lhs.floatValue >= rhs.floatValue }

    /// Hashes equal values alike: +0 and −0 hash the same.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(isZero ? 0 : bitPattern)
    }

    // MARK: Strideable

    @inlinable
    public func distance(to other: Self) -> Self { other - self }

    @inlinable
    public func advanced(by amount: Self) -> Self { self + amount }
}
