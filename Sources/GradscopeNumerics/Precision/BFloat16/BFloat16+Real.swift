import RealModule

// Each function is computed in Float and rounded once to BFloat16, as swift-numerics does
// for Float16. The Float result is within about an ulp of Float, 2^−16 of a BFloat16 ulp,
// so the BFloat16 result is the correctly rounded one except when the exact value lies
// within that distance of a tie. Edge cases (NaN, ±Inf, poles, overflow) are Float's,
// with Float overflow and BFloat16 overflow both giving ±Inf.

extension BFloat16: Real {
    @inlinable
    public static func cos(_ x: BFloat16) -> BFloat16 { BFloat16(Float.cos(Float(x))) }

    @inlinable
    public static func sin(_ x: BFloat16) -> BFloat16 { BFloat16(Float.sin(Float(x))) }

    @inlinable
    public static func tan(_ x: BFloat16) -> BFloat16 { BFloat16(Float.tan(Float(x))) }

    @inlinable
    public static func acos(_ x: BFloat16) -> BFloat16 { BFloat16(Float.acos(Float(x))) }

    @inlinable
    public static func asin(_ x: BFloat16) -> BFloat16 { BFloat16(Float.asin(Float(x))) }

    @inlinable
    public static func atan(_ x: BFloat16) -> BFloat16 { BFloat16(Float.atan(Float(x))) }

    @inlinable
    public static func cosh(_ x: BFloat16) -> BFloat16 { BFloat16(Float.cosh(Float(x))) }

    @inlinable
    public static func sinh(_ x: BFloat16) -> BFloat16 { BFloat16(Float.sinh(Float(x))) }

    @inlinable
    public static func tanh(_ x: BFloat16) -> BFloat16 { BFloat16(Float.tanh(Float(x))) }

    @inlinable
    public static func acosh(_ x: BFloat16) -> BFloat16 { BFloat16(Float.acosh(Float(x))) }

    @inlinable
    public static func asinh(_ x: BFloat16) -> BFloat16 { BFloat16(Float.asinh(Float(x))) }

    @inlinable
    public static func atanh(_ x: BFloat16) -> BFloat16 { BFloat16(Float.atanh(Float(x))) }

    @inlinable
    public static func exp(_ x: BFloat16) -> BFloat16 { BFloat16(Float.exp(Float(x))) }

    @inlinable
    public static func expMinusOne(_ x: BFloat16) -> BFloat16 { BFloat16(Float.expMinusOne(Float(x))) }

    @inlinable
    public static func log(_ x: BFloat16) -> BFloat16 { BFloat16(Float.log(Float(x))) }

    @inlinable
    public static func erf(_ x: BFloat16) -> BFloat16 { BFloat16(Float.erf(Float(x))) }

    @inlinable
    public static func erfc(_ x: BFloat16) -> BFloat16 { BFloat16(Float.erfc(Float(x))) }

    @inlinable
    public static func exp2(_ x: BFloat16) -> BFloat16 { BFloat16(Float.exp2(Float(x))) }

    @inlinable
    public static func exp10(_ x: BFloat16) -> BFloat16 { BFloat16(Float.exp10(Float(x))) }

    @inlinable
    public static func gamma(_ x: BFloat16) -> BFloat16 { BFloat16(Float.gamma(Float(x))) }

    @inlinable
    public static func log2(_ x: BFloat16) -> BFloat16 { BFloat16(Float.log2(Float(x))) }

    @inlinable
    public static func log10(_ x: BFloat16) -> BFloat16 { BFloat16(Float.log10(Float(x))) }

    @inlinable
    public static func log(onePlus x: BFloat16) -> BFloat16 { BFloat16(Float.log(onePlus: Float(x))) }

    /// x^y for x ≥ 0 (NaN for x < 0 and for 0^0, as in RealModule).
    @inlinable
    public static func pow(_ x: BFloat16, _ y: BFloat16) -> BFloat16 { BFloat16(Float.pow(Float(x), Float(y))) }

    /// x^n for any sign of x.
    @inlinable
    public static func pow(_ x: BFloat16, _ n: Int) -> BFloat16 { BFloat16(Float.pow(Float(x), n)) }

    @inlinable
    public static func root(_ x: BFloat16, _ n: Int) -> BFloat16 { BFloat16(Float.root(Float(x), n)) }

    @inlinable
    public static func atan2(y: BFloat16, x: BFloat16) -> BFloat16 { BFloat16(Float.atan2(y: Float(y), x: Float(x))) }

    /// √(x² + y²) without intermediate overflow (Float's `hypot`); +Inf if either is ±Inf.
    @inlinable
    public static func hypot(_ x: BFloat16, _ y: BFloat16) -> BFloat16 { BFloat16(Float.hypot(Float(x), Float(y))) }

    #if !os(Windows)
    @inlinable
    public static func logGamma(_ x: BFloat16) -> BFloat16 { BFloat16(Float.logGamma(Float(x))) }
    #endif
}
