// Every operation is computed exactly or in a wider format and rounded once to BFloat16.
//
// + − × ÷ and √ of BFloat16 values are computed in Float and rounded to BFloat16. That is
// correctly rounded: a p-bit result rounded first to q ≥ 2p + 2 bits and then to p bits is
// the correctly rounded p-bit result (Figueroa 1995), and 24 ≥ 2·8 + 2. Float has the same
// exponent range, and in the subnormal range its 16 extra bits are enough too: products are
// exact there, sums of multiples of 2^−133 are exact, and no quotient of BFloat16 values lies
// within 2^−150 of a BFloat16 tie without being on it.

extension BFloat16 {
    @inlinable
    public static func + (lhs: BFloat16, rhs: BFloat16) -> BFloat16 { BFloat16(Float(lhs) + Float(rhs)) }

    @inlinable
    public static func - (lhs: BFloat16, rhs: BFloat16) -> BFloat16 { BFloat16(Float(lhs) - Float(rhs)) }

    @inlinable
    public static func * (lhs: BFloat16, rhs: BFloat16) -> BFloat16 { BFloat16(Float(lhs) * Float(rhs)) }

    @inlinable
    public static func / (lhs: BFloat16, rhs: BFloat16) -> BFloat16 { BFloat16(Float(lhs) / Float(rhs)) }

    @inlinable public static func += (lhs: inout BFloat16, rhs: BFloat16) { lhs = lhs + rhs }
    @inlinable public static func -= (lhs: inout BFloat16, rhs: BFloat16) { lhs = lhs - rhs }
    @inlinable public static func *= (lhs: inout BFloat16, rhs: BFloat16) { lhs = lhs * rhs }
    @inlinable public static func /= (lhs: inout BFloat16, rhs: BFloat16) { lhs = lhs / rhs }

    /// Flips the sign bit, also of zeros and NaNs.
    @inlinable
    public static prefix func - (operand: BFloat16) -> BFloat16 { BFloat16(bitPattern: operand.bitPattern ^ 0x8000) }

    /// The correctly rounded square root; NaN below zero, −0 for −0, +Inf for +Inf.
    @inlinable
    public func squareRoot() -> BFloat16 { BFloat16(Float(self).squareRoot()) }

    @inlinable
    public mutating func formSquareRoot() { self = squareRoot() }

    /// `self + lhs × rhs` rounded once (fused multiply-add).
    ///
    /// The product is exact in Double (16 bits), the sum is split exactly into
    /// `sum + error` (Knuth's TwoSum), and the error decides the last bit by round-to-odd
    /// before the single rounding to BFloat16. So `(-0x1p-60).addingProduct(7, 37)` is 258,
    /// not the 260 that rounding 259 − 2^−60 in Double or Float first would give.
    /// Inf × 0 and Inf − Inf give NaN.
    @inlinable
    public func addingProduct(_ lhs: BFloat16, _ rhs: BFloat16) -> BFloat16 {
        let addend = Double(self)
        let product = Double(lhs) * Double(rhs)
        var sum = addend + product
        guard sum.isFinite else { return BFloat16(sum) }
        let addendPart = sum - product
        let productPart = sum - addendPart
        let error = (addend - addendPart) + (product - productPart)
        if error != 0 && sum.bitPattern & 1 == 0 {
            // The exact result lies strictly between `sum` and its neighbour towards `error`;
            // of the two, round-to-odd keeps the odd one.
            sum = error > 0 ? sum.nextUp : sum.nextDown
        }
        return BFloat16(sum)
    }

    @inlinable
    public mutating func addProduct(_ lhs: BFloat16, _ rhs: BFloat16) {
        self = addingProduct(lhs, rhs)
    }

    /// The IEEE remainder `self − n × other`, n the nearest integer to `self / other`; exact.
    @inlinable
    public mutating func formRemainder(dividingBy other: BFloat16) {
        self = BFloat16(Float(self).remainder(dividingBy: Float(other)))
    }

    /// `self − n × other`, n = `self / other` truncated toward zero; exact, sign of `self`.
    @inlinable
    public mutating func formTruncatingRemainder(dividingBy other: BFloat16) {
        self = BFloat16(Float(self).truncatingRemainder(dividingBy: Float(other)))
    }

    /// Rounds to an integral value with `rule`; exact, since the result is representable.
    @inlinable
    public mutating func round(_ rule: FloatingPointRoundingRule) {
        self = BFloat16(Float(self).rounded(rule))
    }
}
