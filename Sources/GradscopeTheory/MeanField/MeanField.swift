import GradscopeNumerics
import RealModule

/// The mean-field theory of a wide random network (Poole et al. 2016, Schoenholz et al. 2017):
/// layers `h_l = W_l φ(h_{l−1}) + b_l` with weights N(0, σ_w²/N) and biases N(0, σ_b²), as N → ∞.
///
///     length map       q^l = σ_w² E[φ(√q^{l−1} z)²] + σ_b²
///     gradient factor  χ(q) = σ_w² E[φ'(√q z)²]               (χ₁ = χ(q*): ‖∂L/∂h_l‖² ∝ χ₁^(L−l))
///     correlation map  c^l = (σ_w² I(c^{l−1}) + σ_b²) / q*      (I as in ``GaussianExpectation``)
///     its slope        χ_c = σ_w² J(c*)                        (= χ₁ when c* = 1)
///     depth scales     ξ_q = −1/ln χ_q,  χ_q = σ_w² E[φ'² + φφ''];   ξ_c = −1/ln χ_c
///
/// χ₁ is the wide network's counterpart of the single unit's factor w·φ'(a): below 1 the
/// network is ordered and gradients vanish, above 1 it is chaotic and they explode.
///
/// ```swift
/// let point = MeanField(activation: .tanh, sigmaW2: 1.5, sigmaB2: 0.05).fixedPoint()
/// point.chi1   // > 1: chaotic
/// ```
///
/// References: [Poole et al. 2016](https://arxiv.org/abs/1606.05340),
/// [Schoenholz et al. 2017](https://arxiv.org/abs/1611.01232).
public struct MeanField: Sendable, Hashable {
    public var activation: Activation
    /// σ_w², the weight variance times the fan-in.
    public var sigmaW2: Double
    /// σ_b², the bias variance.
    public var sigmaB2: Double

    public init(activation: Activation, sigmaW2: Double, sigmaB2: Double) {
        precondition(sigmaW2 >= 0 && sigmaW2.isFinite && sigmaB2 >= 0 && sigmaB2.isFinite,
                     "σ_w² and σ_b² must be finite and ≥ 0, got \(sigmaW2) and \(sigmaB2).")
        self.activation = activation
        self.sigmaW2 = sigmaW2
        self.sigmaB2 = sigmaB2
    }

    var expectation: GaussianExpectation { GaussianExpectation(activation: activation) }

    /// The next layer's pre-activation variance: `σ_w² E[φ(√q z)²] + σ_b²` (+Inf at q = +Inf for unbounded φ).
    public func length(after q: Double) -> Double {
        sigmaW2 * expectation.moments(atVariance: q).meanSquare + sigmaB2
    }

    /// The pre-activation variances q¹…q^L of a network whose input has mean square `q0`
    /// (q¹ = σ_w² q0 + σ_b²: the input is not passed through φ).
    public func lengths(inputMeanSquare q0: Double, depth: Int) -> [Double] {
        var q = sigmaW2 * q0 + sigmaB2
        var result = [q]
        for _ in 1..<max(1, depth) {
            q = length(after: q)
            result.append(q)
        }
        return result
    }

    /// The per-layer gradient factor `χ(q) = σ_w² E[φ'(√q z)²]`: E‖∂L/∂h_l‖² = χ(q^l)·E‖∂L/∂h_{l+1}‖².
    public func gradientFactor(atVariance q: Double) -> Double {
        sigmaW2 * expectation.moments(atVariance: q).slopeMeanSquare
    }

    /// The correlation map `c ↦ (σ_w² I(c) + σ_b²)/q` at variance q.
    public func correlation(after c: Double, atVariance q: Double) -> Double {
        (sigmaW2 * expectation.correlations(atVariance: q, correlation: c).values + sigmaB2) / q
    }
}
