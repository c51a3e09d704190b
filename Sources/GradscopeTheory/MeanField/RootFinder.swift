import GradscopeNumerics
/// Brent's method (Brent 1973, as in Numerical Recipes' `zbrent`): a root of f in a bracket
/// [a, b] with f(a)·f(b) ≤ 0, by inverse quadratic interpolation safeguarded by bisection.
enum RootFinder {
    /// A root of `f` between `a` and `b` to within `tolerance` (absolute), given f(a) and f(b).
    static func brent(_ f: (Double) -> Double, _ a: Double, _ b: Double, fa: Double, fb: Double,
                      tolerance: Double, maxIterations: Int = 200) -> Double {
        precondition(!(fa > 0 && fb > 0) && !(fa < 0 && fb < 0), "Brent's method needs a bracket.")
        if fa == 0 { return a }
        if fb == 0 { return b }
        var a = a, b = b, fa = fa, fb = fb
        var c = b, fc = fb, d = b - a, e = d
        for _ in 0..<maxIterations {
            if (fb > 0) == (fc > 0) { c = a; fc = fa; d = b - a; e = d }
            if abs(fc) < abs(fb) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa }
            let tol1 = 2 * Double.ulpOfOne * abs(b) + tolerance / 2
            let xm = (c - b) / 2
            if abs(xm) <= tol1 || fb == 0 { return b }
            if abs(e) >= tol1 && abs(fa) > abs(fb) {
                let s = fb / fa
                var p: Double, q: Double
                if a == c {
                    p = 2 * xm * s
                    q = 1 - s
                } else {
                    let qa = fa / fc, r = fb / fc
                    p = s * (2 * xm * qa * (qa - r) - (b - a) * (r - 1))
                    q = (qa - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q }
                p = abs(p)
                if 2 * p < min(3 * xm * q - abs(tol1 * q), abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = xm
                    e = d
                }
            } else {
                d = xm
                e = d
            }
            a = b
            fa = fb
            b += abs(d) > tol1 ? d : (xm > 0 ? tol1 : -tol1)
            fb = f(b)
        }
        return b
    }
}
