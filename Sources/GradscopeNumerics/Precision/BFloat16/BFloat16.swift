/// A 16-bit "brain" floating-point number: the upper half of a `Float`.
///
/// It has 1 sign bit, 8 exponent bits (the range of `Float`, up to ≈3.39e38) and
/// 7 fraction bits (2–3 decimal digits); TPUs and mixed-precision training use it.
/// Every operation is rounded to `BFloat16`, as hardware does:
///
///     BFloat16(1) + BFloat16(1.0 / 256)   // 1.0: the exact 1.00390625 is a tie, to even
///     BFloat16(256) + 1                   // 256.0
///
/// Conversions from `Float` and `Double` round to nearest, ties to even. Magnitudes
/// from 0x1.FFp127 (`greatestFiniteMagnitude` + ulp/2 ≈ 3.3962e38) up become ±Inf,
/// magnitudes up to 2^−134 become ±0, and NaN stays NaN (quieted, never ±Inf).
///
/// See [bfloat16 floating-point format](https://en.wikipedia.org/wiki/Bfloat16_floating-point_format).
@frozen
public struct BFloat16: Sendable {
    /// The raw bits: 1 sign, 8 exponent and 7 fraction bits, the upper 16 bits of `Float(self)`.
    public let bitPattern: UInt16

    /// Creates the value with the given raw bits.
    @inlinable
    public init(bitPattern: UInt16) {
        self.bitPattern = bitPattern
    }

    /// Rounds a `Float` to the nearest `BFloat16`, ties to even.
    ///
    /// Subnormals round like any other value; magnitudes ≥ 0x1.FFp127 give ±Inf;
    /// ±Inf stay ±Inf; a NaN keeps its sign and upper payload and is quieted.
    @inlinable
    public init(_ value: Float) {
        let bits = value.bitPattern
        if value.isNaN {
            self.init(bitPattern: UInt16(truncatingIfNeeded: bits >> 16) | 0x0040)
        } else {
            // Adding 0x7FFF plus the lowest kept bit rounds the upper half to nearest, ties
            // to even. A carry runs into the exponent, which makes subnormals grow into
            // normals and the largest values overflow to Inf, as they should.
            let bias = 0x7FFF &+ ((bits >> 16) & 1)
            self.init(bitPattern: UInt16(truncatingIfNeeded: (bits &+ bias) >> 16))
        }
    }

    /// Rounds a `Double` to the nearest `BFloat16`, ties to even, with a single rounding.
    ///
    /// `BFloat16(Float(value))` would round twice: 1 + 2^−8 + 2^−40 becomes the tie
    /// 1 + 2^−8 as a Float and then 1, where the correct result is 1 + 2^−7.
    /// Edge cases as in ``init(_:)-(Float)``.
    @inlinable
    public init(_ value: Double) {
        self.init(Self.roundedToOdd(value))
    }

    /// Rounds `value` to a `Float` by round-to-odd: truncate, then set the last bit if
    /// anything was cut off.
    ///
    /// A value rounded to odd with p + 2 or more bits, then to nearest with p bits, is
    /// rounded correctly (Boldo & Melquiond 2008); here 24 ≥ 8 + 2. Infinite results
    /// become ±`Float.greatestFiniteMagnitude` (odd), which still rounds to ±Inf in
    /// `BFloat16`, and values below 2^−149 become ±2^−149, which rounds to ±0.
    @inlinable
    static func roundedToOdd(_ value: Double) -> Float {
        let nearest = Float(value)
        let back = Double(nearest)
        if back == value || value.isNaN { return nearest }
        // Step the magnitude down one ulp if rounding went up; bits - 1 does that for
        // either sign, and maps Inf to the greatest finite Float.
        let truncated = back.magnitude > value.magnitude ? nearest.bitPattern - 1 : nearest.bitPattern
        return Float(bitPattern: truncated | 1)
    }
}
