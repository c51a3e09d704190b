import RealModule

// Each function is computed in Float and rounded once to the narrow format. Float's result
// is within about an ulp of Float, 2^−20 of a narrow ulp, so the narrow result is the
// correctly rounded one unless the exact value lies that close to a tie. Edge cases (NaN,
// ±Inf, poles) are Float's, then stored by the format's rules: a NaN becomes e4m3fn's NaN,
// e5m2's NaN or a zero in the formats without NaN; ±Inf becomes ±Inf, NaN or ±max.

extension NarrowFloatingPoint {
    @inlinable
    public static func cos(_ x: Self) -> Self { Self(Float.cos(x.floatValue)) }

    @inlinable
    public static func sin(_ x: Self) -> Self { Self(Float.sin(x.floatValue)) }

    @inlinable
    public static func tan(_ x: Self) -> Self { Self(Float.tan(x.floatValue)) }

    @inlinable
    public static func acos(_ x: Self) -> Self { Self(Float.acos(x.floatValue)) }

    @inlinable
    public static func asin(_ x: Self) -> Self { Self(Float.asin(x.floatValue)) }

    @inlinable
    public static func atan(_ x: Self) -> Self { Self(Float.atan(x.floatValue)) }

    @inlinable
    public static func cosh(_ x: Self) -> Self { Self(Float.cosh(x.floatValue)) }

    @inlinable
    public static func sinh(_ x: Self) -> Self { Self(Float.sinh(x.floatValue)) }

    @inlinable
    public static func tanh(_ x: Self) -> Self { Self(Float.tanh(x.floatValue)) }

    @inlinable
    public static func acosh(_ x: Self) -> Self { Self(Float.acosh(x.floatValue)) }

    @inlinable
    public static func asinh(_ x: Self) -> Self { Self(Float.asinh(x.floatValue)) }

    @inlinable
    public static func atanh(_ x: Self) -> Self { Self(Float.atanh(x.floatValue)) }

    @inlinable
    public static func exp(_ x: Self) -> Self { Self(Float.exp(x.floatValue)) }

    @inlinable
    public static func expMinusOne(_ x: Self) -> Self { Self(Float.expMinusOne(x.floatValue)) }

    @inlinable
    public static func log(_ x: Self) -> Self { Self(Float.log(x.floatValue)) }

    @inlinable
    public static func erf(_ x: Self) -> Self { Self(Float.erf(x.floatValue)) }

    @inlinable
    public static func erfc(_ x: Self) -> Self { Self(Float.erfc(x.floatValue)) }

    @inlinable
    public static func exp2(_ x: Self) -> Self { Self(Float.exp2(x.floatValue)) }

    @inlinable
    public static func exp10(_ x: Self) -> Self { Self(Float.exp10(x.floatValue)) }

    @inlinable
    public static func gamma(_ x: Self) -> Self { Self(Float.gamma(x.floatValue)) }

    @inlinable
    public static func log2(_ x: Self) -> Self { Self(Float.log2(x.floatValue)) }

    @inlinable
    public static func log10(_ x: Self) -> Self { Self(Float.log10(x.floatValue)) }

    @inlinable
    public static func log(onePlus x: Self) -> Self { Self(Float.log(onePlus: x.floatValue)) }

    /// x^y for x ≥ 0 (NaN for x < 0 and for 0^0, as in RealModule).
    @inlinable
    public static func pow(_ x: Self, _ y: Self) -> Self { Self(Float.pow(x.floatValue, y.floatValue)) }

    /// x^n for any sign of x.
    @inlinable
    public static func pow(_ x: Self, _ n: Int) -> Self { Self(Float.pow(x.floatValue, n)) }

    @inlinable
    public static func root(_ x: Self, _ n: Int) -> Self { Self(Float.root(x.floatValue, n)) }

    @inlinable
    public static func atan2(y: Self, x: Self) -> Self { Self(Float.atan2(y: y.floatValue, x: x.floatValue)) }

    /// √(x² + y²) without intermediate overflow.
    @inlinable
    public static func hypot(_ x: Self, _ y: Self) -> Self { Self(Float.hypot(x.floatValue, y.floatValue)) }

    #if !os(Windows)
    @inlinable
    public static func logGamma(_ x: Self) -> Self { Self(Float.logGamma(x.floatValue)) }
    #endif
}
