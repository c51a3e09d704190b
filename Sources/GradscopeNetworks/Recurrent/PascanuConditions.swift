import GradscopeNumerics
import RealModule

/// Pascanu, Mikolov & Bengio's conditions for a recurrent matrix W and activation φ.
///
/// With γ = sup |φ'| (``Activation/maxSlope``: 1 for tanh, relu and linear, 1/4 for the sigmoid)
/// every Jacobian `diag(φ'(a_t))·W` has norm at most γ·λ₁, λ₁ = W's largest singular value, so
///
///     λ₁ < 1/γ   ⇒  ‖∂h_T/∂h_t‖ ≤ (γ·λ₁)^(T−t) → 0:   vanishing is guaranteed
///     λ₁ ≥ 1/γ   ⇒  exploding is possible (necessary, not sufficient)
///
/// For a linear network the Jacobian product is W^(T−t), which explodes for some direction
/// exactly when the spectral radius ρ > 1 (ρ > 1 is necessary for exploding, ρ < 1 makes it vanish).
/// Compare with what a run does with ``GradientTrend``.
///
/// Reference: [Pascanu, Mikolov & Bengio 2013](https://arxiv.org/abs/1211.5063), section 2.1.
public struct PascanuConditions: Hashable, Sendable, Codable {
    public enum Verdict: String, Hashable, Sendable, Codable {
        case vanishingGuaranteed
        case explodingPossible

        /// "vanishing is guaranteed" / "exploding is possible"
        public var text: String { self == .vanishingGuaranteed ? "vanishing is guaranteed" : "exploding is possible" }
    }

    /// ρ(W).
    public var spectralRadius: Double
    /// λ₁ = σ₁(W).
    public var largestSingularValue: Double
    /// γ = sup |φ'|.
    public var gamma: Double
    /// Whether φ is linear (then ρ decides).
    public var isLinear: Bool

    public init(recurrentWeights w: Matrix<Double>, activation: Activation) {
        spectralRadius = w.spectralRadius
        largestSingularValue = w.largestSingularValue
        gamma = activation.maxSlope
        isLinear = activation == .linear
    }

    /// 1/γ: 1 for tanh and relu, 4 for the sigmoid.
    public var threshold: Double { 1 / gamma }

    public var verdict: Verdict {
        if isLinear { return spectralRadius < 1 ? .vanishingGuaranteed : .explodingPossible }
        return largestSingularValue < threshold ? .vanishingGuaranteed : .explodingPossible
    }

    /// "ρ = 0.95, λ₁ = 1.9 ≥ 1/γ = 1: exploding is possible"
    public var summary: String {
        let rho = TerminalNumber.brief(spectralRadius), lambda = TerminalNumber.brief(largestSingularValue)
        if isLinear {
            return "ρ = \(rho) \(spectralRadius < 1 ? "<" : "≥") 1, λ₁ = \(lambda) (linear): \(verdict.text)"
        }
        return "ρ = \(rho), λ₁ = \(lambda) \(largestSingularValue < threshold ? "<" : "≥") 1/γ = \(TerminalNumber.brief(threshold)): \(verdict.text)"
    }
}

/// What a run's gradients through time actually did: the ratio of ‖∂L/∂h_0‖ to ‖∂L/∂h_T‖
/// and the mean factor per time step, `(‖∂L/∂h_0‖/‖∂L/∂h_T‖)^(1/T)`.
public struct GradientTrend: Hashable, Sendable, Codable {
    public enum Behaviour: String, Hashable, Sendable, Codable { case vanished, exploded, steady, nonFinite }

    /// log10(‖∂L/∂h_0‖ / ‖∂L/∂h_T‖).
    public var log10Ratio: Double
    /// The mean factor per step.
    public var factorPerStep: Double
    public var behaviour: Behaviour

    /// - Parameter norms: ‖∂L/∂h_t‖ for t = 0…T (``RecurrentGradients/stateGradientNorms``).
    public init(stateGradientNorms norms: [Double]) {
        precondition(norms.count >= 2, "A trend needs ‖∂L/∂h_t‖ for at least two time steps.")
        let first = norms[0], last = norms[norms.count - 1]
        log10Ratio = Double.log10(first) - Double.log10(last)
        factorPerStep = Double.pow(10, log10Ratio / Double(norms.count - 1))
        if !log10Ratio.isFinite && !(first == 0 && last > 0) { behaviour = .nonFinite }
        else if first == 0 || log10Ratio < -1 { behaviour = .vanished }
        else if log10Ratio > 1 { behaviour = .exploded }
        else { behaviour = .steady }
        if first == 0, last > 0 { factorPerStep = 0 }
    }

    /// "‖∂L/∂h_0‖/‖∂L/∂h_T‖ = 1.2e-8 (×0.83 per step): vanished"
    public var summary: String {
        "‖∂L/∂h_0‖/‖∂L/∂h_T‖ = \(TerminalNumber.brief(Double.pow(10, log10Ratio))) (×\(TerminalNumber.brief(factorPerStep)) per step): \(behaviour.rawValue)"
    }
}
