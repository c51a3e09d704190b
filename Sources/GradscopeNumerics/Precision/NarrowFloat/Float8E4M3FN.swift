/// An 8-bit float with 1 sign, 4 exponent and 3 fraction bits, no Inf: `float8_e4m3fn`.
///
/// Range ±448, smallest subnormal 2⁻⁹ ≈ 0.00195; the forward format of FP8 training. NaN is
/// S.1111.111. Rounding follows the OCP rule: above 464 (and for ±Inf) the result is NaN;
/// ``Saturating`` clamps to ±448 instead, as PyTorch's cast does.
///
///     Float8E4M3FN(0.02)     // 0.01953125 = 5 × 2⁻⁸, a subnormal
///     Float8E4M3FN(464)      // 448.0: the tie goes to the even 448
///     Float8E4M3FN(465)      // nan
@frozen
public struct Float8E4M3FN: NarrowFloatingPoint {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }

    @inlinable public static var format: NarrowFormat { .float8E4M3FN }
}
