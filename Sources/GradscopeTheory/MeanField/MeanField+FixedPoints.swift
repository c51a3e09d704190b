import GradscopeNumerics
import RealModule

extension MeanField {
    /// q*, the fixed point of the length map nearest `q0` in the direction the map moves from it:
    /// bracketed by doubling (or halving) from q0, then Brent to 1e−15 relative.
    ///
    /// Returns 0 when the length decays to 0 (tanh, σ_b = 0, σ_w² ≤ 1), +Inf when it grows
    /// without bound (relu, σ_w² > 2), and q0 itself when the map moves q0 by less than 8 ulp
    /// (relu, σ_w² = 2, σ_b = 0, where every q is fixed).
    public func fixedLength(from q0: Double = 1) -> Double {
        precondition(q0 > 0 && q0.isFinite, "Start the length map at a finite q0 > 0, got \(q0).")
        let f = { (q: Double) in self.length(after: q) - q }
        let f0 = f(q0)
        // Within rounding of the diagonal every q is fixed (relu at σ_w² = 2 with a gain of √2 squared: 2 + 4e−16).
        if abs(f0) <= 8 * Double.ulpOfOne * q0 { return q0 }
        var lo = q0, hi = q0, fLo = f0, fHi = f0
        if f0 > 0 {
            repeat {
                lo = hi; fLo = fHi
                hi *= 2
                if hi > 1e30 { return .infinity }
                fHi = f(hi)
            } while fHi > 0
        } else {
            repeat {
                hi = lo; fHi = fLo
                lo /= 2
                if lo < 1e-40 * q0 { return 0 }
                fLo = f(lo)
            } while fLo < 0
        }
        let q = RootFinder.brent(f, lo, hi, fa: fLo, fb: fHi, tolerance: 1e-15 * hi)
        // Below ~1e−12 the sign of f is rounding noise (f ≈ (σ_w² φ'(0)² − 1) q − O(q²)): with no bias and a
        // slope ≤ 1 at 0, the length decays to 0 (tanh at σ_w² = 1 would otherwise stop near 1e−16).
        let slope = activation.derivative(at: 0.0)
        if q < 1e-12 * q0, sigmaB2 == 0, sigmaW2 * slope * slope <= 1 { return 0 }
        return q
    }

    /// q*, χ₁, χ_q, c*, χ_c and the depth scales ξ_q, ξ_c, from q⁰ = `q0`.
    public func fixedPoint(from q0: Double = 1) -> MeanFieldPoint {
        let q = fixedLength(from: q0)
        let moments = expectation.moments(atVariance: q)
        let chi1 = sigmaW2 * moments.slopeMeanSquare
        let chiQ = q.isInfinite ? Double.nan : sigmaW2 * moments.lengthSlope
        var point = MeanFieldPoint(sigmaW2: sigmaW2, sigmaB2: sigmaB2, qStar: q, chi1: chi1, chiQ: chiQ,
                                   cStar: 1, chiC: chi1, xiQ: MeanFieldPoint.depthScale(chiQ), xiC: .nan)
        if q.isInfinite {
            point.cStar = .nan
            point.chiC = .nan
        } else if q > 0, chi1 > 1 {
            point.cStar = fixedCorrelation(atVariance: q)
            point.chiC = point.cStar < 1
                ? sigmaW2 * expectation.correlations(atVariance: q, correlation: point.cStar).slopes
                : chi1
        }
        point.xiC = MeanFieldPoint.depthScale(point.chiC)
        return point
    }

    /// c*, the stable fixed point below 1 of the correlation map at variance q in the chaotic
    /// phase (χ₁ > 1, where c = 1 is unstable): the map lies above the diagonal at c = 0
    /// (`(σ_w² E[φ]² + σ_b²)/q ≥ 0`) and below it just under 1, so c* is bracketed by the first
    /// `c_k = 1 − 2^−k` (k = 1, 2, …) where it is below; 1 if none is found by k = 40.
    func fixedCorrelation(atVariance q: Double) -> Double {
        let g = { (c: Double) in self.correlation(after: c, atVariance: q) - c }
        var lo = 0.0, gLo = max(0, g(0))  // ≥ 0 exactly; rounding can leave −1e−35 for odd φ
        for k in 1...40 {
            let c = 1 - Double.pow(2, -Double(k))
            let value = g(c)
            if value < 0 { return RootFinder.brent(g, lo, c, fa: gLo, fb: value, tolerance: 1e-14) }
            lo = c
            gLo = value
        }
        return 1
    }
}

extension MeanField {
    /// q* and χ₁ only (one-unit integrals, no correlation map): what the phase diagram coloured by χ₁ needs.
    public func orderParameter(from q0: Double = 1) -> (qStar: Double, chi1: Double) {
        let q = fixedLength(from: q0)
        return (q, gradientFactor(atVariance: q))
    }
}
