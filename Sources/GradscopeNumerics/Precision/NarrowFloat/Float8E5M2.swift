/// An 8-bit float with 1 sign, 5 exponent and 2 fraction bits: `float8_e5m2`.
///
/// Range ±57344, smallest subnormal 2⁻¹⁶ ≈ 1.5e−5, IEEE ±Inf and NaN; the backward (gradient)
/// format of FP8 training. From 61440 on a value rounds to ±Inf; ``Saturating`` clamps to ±57344.
///
///     Float8E5M2(1000)       // 1024.0
///     Float8E5M2(61440)      // inf: the tie goes to the even 2^16, past the range
@frozen
public struct Float8E5M2: NarrowFloatingPoint {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }

    @inlinable public static var format: NarrowFormat { .float8E5M2 }
}
