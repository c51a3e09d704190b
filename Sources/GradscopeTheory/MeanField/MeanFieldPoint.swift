import GradscopeNumerics
import RealModule

/// The fixed points of the length and correlation maps of one (φ, σ_w², σ_b²), with their
/// slopes and depth scales (Schoenholz et al. 2017). See ``MeanField``.
///
/// `qStar` is +Inf when the length diverges (relu with σ_w² > 2); then the correlation
/// quantities are NaN. `qStar` = 0 (tanh, σ_b = 0, σ_w² ≤ 1) gives c* = 1 and χ_c = χ₁.
public struct MeanFieldPoint: Sendable, Hashable, Codable {
    public var sigmaW2: Double
    public var sigmaB2: Double
    /// q*, the fixed point of the length map reached from q⁰ = 1.
    public var qStar: Double
    /// χ₁ = σ_w² E[φ'(√q* z)²].
    public var chi1: Double
    /// χ_q, the slope of the length map at q*.
    public var chiQ: Double
    /// c*, the stable fixed point of the correlation map (1 in the ordered phase).
    public var cStar: Double
    /// χ_c = σ_w² J(c*), the slope of the correlation map at c*.
    public var chiC: Double
    /// ξ_q = −1/ln χ_q (+Inf when χ_q ≥ 1).
    public var xiQ: Double
    /// ξ_c = −1/ln χ_c (+Inf when χ_c ≥ 1): signals propagate about 6ξ_c layers.
    public var xiC: Double

    /// −1/ln χ for χ < 1, +Inf for χ ≥ 1, NaN for NaN.
    static func depthScale(_ chi: Double) -> Double {
        if chi.isNaN { return .nan }
        return chi < 1 ? -1 / (chi > 0 ? Double.log(chi) : -.infinity) : .infinity
    }
}
