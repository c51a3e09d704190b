/// A 6-bit float with 1 sign, 3 exponent and 2 fraction bits, no Inf or NaN: `float6_e3m2fn`.
///
/// Range ±28, smallest subnormal 2⁻⁴; an OCP MX element format. It can only saturate:
/// from 30 on (and ±Inf) a value becomes ±28, and NaN is stored as a zero.
///
///     Float6E3M2FN(8) * Float6E3M2FN(8)   // 28.0: 64 saturates
@frozen
public struct Float6E3M2FN: NarrowFloatingPoint {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }

    @inlinable public static var format: NarrowFormat { .float6E3M2FN }
}
