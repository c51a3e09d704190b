/// A 6-bit float with 1 sign, 2 exponent and 3 fraction bits, no Inf or NaN: `float6_e2m3fn`.
///
/// Range ±7.5, smallest subnormal 2⁻³; an OCP MX element format. It can only saturate:
/// from 7.75 on (and ±Inf) a value becomes ±7.5, and NaN is stored as a zero.
///
///     Float6E2M3FN(8)        // 7.5: 8 does not fit
@frozen
public struct Float6E2M3FN: NarrowFloatingPoint {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }

    @inlinable public static var format: NarrowFormat { .float6E2M3FN }
}
