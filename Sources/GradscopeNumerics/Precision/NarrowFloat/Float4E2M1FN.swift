/// A 4-bit float with 1 sign, 2 exponent and 1 fraction bit, no Inf or NaN: `float4_e2m1fn`.
///
/// Its 15 values are 0, ±0.5, ±1, ±1.5, ±2, ±3, ±4, ±6 (and −0); an OCP MX element format.
/// It can only saturate: from 7 on (and ±Inf) a value becomes ±6, and NaN is stored as a zero.
///
///     Float4E2M1FN(2.5)      // 2.0: the tie goes to the even 2
@frozen
public struct Float4E2M1FN: NarrowFloatingPoint {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }

    @inlinable public static var format: NarrowFormat { .float4E2M1FN }
}
