import GradscopeNumerics
import RealModule

/// Gaussian expectations of an activation φ and its derivative φ', the integrals of
/// mean-field theory (Poole et al. 2016, Schoenholz et al. 2017), for z, z₁, z₂ ~ N(0, 1):
///
///     one unit:   E[φ(√q z)²], E[φ'(√q z)²], E[z φ(√q z) φ'(√q z)]/√q
///     two units:  I(c) = E[φ(u₁) φ(u₂)],  J(c) = E[φ'(u₁) φ'(u₂)],
///                 u₁ = √q z₁,  u₂ = √q (c z₁ + √(1 − c²) z₂)
///
/// How each is computed:
/// - relu and leaky relu: closed forms (the arc-cosine kernel of Cho & Saul 2009):
///   `E[relu(√q z)²] = q/2`, `E[relu'²] = 1/2`, `I(c) = q(√(1 − c²) + (π − arccos c) c)/(2π)`,
///   `J(c) = (π − arccos c)/(2π)`; leaky relu `αu + (1 − α) relu(u)` expands into these.
/// - smooth φ (tanh, sigmoid, softplus, gelu, swish, sin, linear) at scale √q ≤ 1:
///   128-point ``GaussHermite`` (≤ 3e−13 relative for tanh at √q = 1).
/// - everything else (elu, and smooth φ at larger scales, where Gauss–Hermite loses
///   accuracy: 1e−6 for tanh at √q = 2): composite 10-point Gauss–Legendre on |z| ≤ 9,
///   split at the kink u = 0, panels 1 wide in u near it (at most 0.5 in z), widening
///   geometrically where φ saturates. The two-unit integrals nest the same rule: the
///   inner integral over z₂ is split where u₂ crosses 0.
///
/// The tests compare the numerical path with the closed forms (relu, leaky relu) and
/// every path with mpmath at 50 digits (`scripts/gen_meanfield_reference.py`).
public struct GaussianExpectation: Sendable, Hashable {
    public let activation: Activation

    public init(activation: Activation) { self.activation = activation }

    /// One-unit expectations at variance q.
    public struct Moments: Sendable, Hashable {
        /// E[φ(√q z)]
        public var mean: Double
        /// E[φ(√q z)²]
        public var meanSquare: Double
        /// E[φ'(√q z)²]
        public var slopeMeanSquare: Double
        /// E[z φ(√q z) φ'(√q z)]/√q = E[φ'² + φ φ''] (Stein's lemma): the slope of q ↦ E[φ(√q z)²].
        public var lengthSlope: Double
    }

    /// Two-unit expectations I(c) and J(c) at variance q and correlation c.
    public struct Correlations: Sendable, Hashable {
        /// I(c) = E[φ(u₁) φ(u₂)]
        public var values: Double
        /// J(c) = E[φ'(u₁) φ'(u₂)]
        public var slopes: Double
    }

    /// Whether φ has a kink (a jump in φ' or φ'') at 0.
    public var isKinked: Bool {
        switch activation {
        case .relu, .leakyRelu, .elu: true
        default: false
        }
    }

    /// The moments at variance q ≥ 0. At q = +Inf: the limits, `E[φ'²] = (φ'(+∞)² + φ'(−∞)²)/2`.
    public func moments(atVariance q: Double) -> Moments {
        precondition(q >= 0, "A variance is ≥ 0, got \(q).")
        if q.isInfinite { return limitMoments }
        switch activation {
        case .relu: return Self.leakyMoments(slope: 0, q)
        case .leakyRelu(let alpha): return Self.leakyMoments(slope: alpha, q)
        default: return numericalMoments(atVariance: q)
        }
    }

    /// I(c) and J(c) at variance q ≥ 0 and correlation c in [−1, 1].
    public func correlations(atVariance q: Double, correlation c: Double) -> Correlations {
        precondition(q >= 0 && q.isFinite, "A finite variance ≥ 0 is needed, got \(q).")
        let c = min(1, max(-1, c))
        switch activation {
        case .relu: return Self.leakyCorrelations(slope: 0, q, c)
        case .leakyRelu(let alpha): return Self.leakyCorrelations(slope: alpha, q, c)
        default: return numericalCorrelations(atVariance: q, correlation: c)
        }
    }

    // MARK: Numerical integration

    func numericalMoments(atVariance q: Double) -> Moments {
        let s = q.squareRoot()
        var mean = 0.0, meanSquare = 0.0, slopes = 0.0, stein = 0.0
        forEachNode(mean: 0, scale: s) { z, w in
            let (y, dy) = activation.valueAndDerivative(at: s * z)
            mean += w * y
            meanSquare += w * y * y
            slopes += w * dy * dy
            stein += w * z * y * dy
        }
        let (y0, dy0) = activation.valueAndDerivative(at: 0.0)
        // q → 0: E[zφφ']/√q → φ'(0)² + φ(0)φ''(0); φ(0) = 0 for every φ whose q* can be 0.
        let lengthSlope = s > 0 ? stein / s : dy0 * dy0 + (y0 == 0 ? 0 : .nan)
        return Moments(mean: mean, meanSquare: meanSquare, slopeMeanSquare: slopes, lengthSlope: lengthSlope)
    }

    func numericalCorrelations(atVariance q: Double, correlation c: Double) -> Correlations {
        let s = q.squareRoot(), sine = (max(0, 1 - c * c)).squareRoot()
        var values = 0.0, slopes = 0.0
        forEachNode(mean: 0, scale: s) { z1, w1 in
            let (y1, dy1) = activation.valueAndDerivative(at: s * z1)
            let mean = s * c * z1
            var innerValue = 0.0, innerSlope = 0.0
            forEachNode(mean: mean, scale: s * sine) { z2, w2 in
                let (y2, dy2) = activation.valueAndDerivative(at: mean + s * sine * z2)
                innerValue += w2 * y2
                innerSlope += w2 * dy2
            }
            values += w1 * y1 * innerValue
            slopes += w1 * dy1 * innerSlope
        }
        return Correlations(values: values, slopes: slopes)
    }

    /// Calls `body(z, w)` for the nodes and weights of the rule for `E[g(μ + s z)]`, z ~ N(0, 1),
    /// where g is φ or φ' (see the type's documentation for the rule chosen).
    func forEachNode(mean mu: Double, scale s: Double, _ body: (Double, Double) -> Void) {
        if s == 0 { body(0, 1); return }
        if !isKinked, s <= 1 {
            let rule = GaussHermite.standard
            for i in rule.nodes.indices { body(rule.nodes[i], rule.weights[i]) }
            return
        }
        let reach = 9.0
        let kink = min(reach, max(-reach, -mu / s))
        let saturates = activation != .sine
        let rule = GaussLegendre.ten
        let normal = 1 / Double.sqrt(2 * Double.pi)
        for direction in [1.0, -1.0] {
            var near = 0.0  // distance of the panel's near edge from the kink, in z
            let end = direction > 0 ? reach - kink : kink + reach
            while near < end {
                let stepInU = saturates ? max(1, 0.5 * near * s - 7) : 1
                let far = min(end, near + min(0.5, stepInU / s))
                let a = kink + direction * near, b = kink + direction * far
                let half = (b - a) / 2, mid = (a + b) / 2
                for i in 0..<rule.nodes.count {
                    let z = mid + half * rule.nodes[i]
                    body(z, abs(half) * rule.weights[i] * normal * Double.exp(-z * z / 2))
                }
                near = far
            }
        }
    }

    // MARK: Closed forms and limits

    /// `φ(u) = αu + (1 − α) relu(u)`: E[φ] = (1 − α)√(q/2π), E[φ²] = E[φ'²]·q = q(1 + α²)/2.
    static func leakyMoments(slope alpha: Double, _ q: Double) -> Moments {
        let half = (1 + alpha * alpha) / 2
        return Moments(mean: (1 - alpha) * Double.sqrt(q / (2 * Double.pi)), meanSquare: q * half,
                       slopeMeanSquare: half, lengthSlope: half)
    }

    /// `I(c) = αqc + (1 − α)² q k(c)`, `J(c) = α + (1 − α)² (π − arccos c)/(2π)`,
    /// with the arc-cosine kernel `k(c) = (√(1 − c²) + (π − arccos c) c)/(2π)`.
    static func leakyCorrelations(slope alpha: Double, _ q: Double, _ c: Double) -> Correlations {
        let angle = Double.acos(c)
        let kernel = ((1 - c * c).squareRoot() + (Double.pi - angle) * c) / (2 * Double.pi)
        let r = (1 - alpha) * (1 - alpha)
        return Correlations(values: alpha * q * c + r * q * kernel, slopes: alpha + r * (Double.pi - angle) / (2 * Double.pi))
    }

    /// The limits as q → ∞: φ' at ±∞ is what the unit sees.
    var limitMoments: Moments {
        let up = activation.valueAndDerivative(at: Double.infinity), down = activation.valueAndDerivative(at: -Double.infinity)
        let slopes = (up.derivative * up.derivative + down.derivative * down.derivative) / 2
        let bounded = up.value.isFinite && down.value.isFinite
        return Moments(mean: bounded ? (up.value + down.value) / 2 : .nan,
                       meanSquare: bounded ? (up.value * up.value + down.value * down.value) / 2 : .infinity,
                       slopeMeanSquare: slopes, lengthSlope: bounded ? 0 : slopes)
    }
}
