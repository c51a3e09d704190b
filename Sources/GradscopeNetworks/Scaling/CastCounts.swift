/// What a cast to a narrow format did to the values of one kind of tensor.
///
/// Each value x (scaled to x·s) is counted at most once among `overflowed` (x·s rounded past
/// the largest finite value: it became NaN, ±Inf or ±max), `flushedToZero` (x ≠ 0 became 0)
/// and `subnormal` (the result is a nonzero subnormal: fewer significant bits). `nonFinite`
/// counts values that were already ±Inf or NaN before the cast.
public struct CastCounts: Hashable, Sendable, Codable {
    public var values = 0
    public var overflowed = 0
    public var flushedToZero = 0
    public var subnormal = 0
    public var nonFinite = 0

    public init(values: Int = 0, overflowed: Int = 0, flushedToZero: Int = 0, subnormal: Int = 0, nonFinite: Int = 0) {
        self.values = values
        self.overflowed = overflowed
        self.flushedToZero = flushedToZero
        self.subnormal = subnormal
        self.nonFinite = nonFinite
    }

    /// The fractions of ``values`` (0 when nothing was cast).
    public var overflowedFraction: Double { fraction(overflowed) }
    public var flushedToZeroFraction: Double { fraction(flushedToZero) }
    public var subnormalFraction: Double { fraction(subnormal) }

    func fraction(_ count: Int) -> Double { values == 0 ? 0 : Double(count) / Double(values) }

    public static func + (lhs: CastCounts, rhs: CastCounts) -> CastCounts {
        var sum = lhs
        sum.values += rhs.values
        sum.overflowed += rhs.overflowed
        sum.flushedToZero += rhs.flushedToZero
        sum.subnormal += rhs.subnormal
        sum.nonFinite += rhs.nonFinite
        return sum
    }
}
