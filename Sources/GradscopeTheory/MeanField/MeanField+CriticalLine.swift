import GradscopeNumerics
import RealModule

extension MeanField {
    /// The critical σ_w² at bias variance σ_b²: the root of χ₁(σ_w²) = 1 (the edge of chaos,
    /// Poole et al. 2016, Schoenholz et al. 2017), or nil if χ₁ stays below 1 up to σ_w² = 10⁴.
    ///
    /// Known values: tanh at σ_b² = 0 gives 1 (q* = 0 and χ₁ = σ_w² for σ_w² ≤ 1);
    /// relu gives 2 for every σ_b² (χ₁ = σ_w²/2).
    ///
    /// Bracketed by doubling σ_w², then Brent to `tolerance` (absolute).
    public static func criticalSigmaW2(activation: Activation, sigmaB2: Double, tolerance: Double = 1e-12) -> Double? {
        let excess = { (w2: Double) in MeanField(activation: activation, sigmaW2: w2, sigmaB2: sigmaB2).orderParameter().chi1 - 1 }
        var lo = 0.0, fLo = -1.0, hi = 0.5
        var fHi = excess(hi)
        while fHi < 0 {
            lo = hi; fLo = fHi
            hi *= 2
            if hi > 1e4 { return nil }
            fHi = excess(hi)
        }
        guard fHi.isFinite else { return nil }
        return RootFinder.brent(excess, lo, hi, fa: fLo, fb: fHi, tolerance: tolerance)
    }

    /// The critical line sampled at each σ_b² (nil entries dropped).
    public static func criticalLine(activation: Activation, sigmaB2s: [Double]) -> [(sigmaB2: Double, sigmaW2: Double)] {
        sigmaB2s.compactMap { b2 in criticalSigmaW2(activation: activation, sigmaB2: b2).map { (b2, $0) } }
    }
}
