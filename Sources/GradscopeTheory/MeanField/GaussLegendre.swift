import GradscopeNumerics
import RealModule

/// The n-point Gauss–Legendre rule on [−1, 1]: `∫₋₁¹ f(t) dt ≈ Σ wᵢ f(tᵢ)`, exact for
/// polynomials of degree ≤ 2n − 1.
///
/// The nodes are the roots of the Legendre polynomial Pₙ, found by Newton's method from
/// `cos(π(i − 1/4)/(n + 1/2))`, with Pₙ and Pₙ' from the three-term recurrence
///
///     (k + 1) P_{k+1}(t) = (2k + 1) t P_k(t) − k P_{k−1}(t),   Pₙ'(t) = n (t Pₙ − P_{n−1}) / (t² − 1)
///
/// and the weights `wᵢ = 2 / ((1 − tᵢ²) Pₙ'(tᵢ)²)` (Golub & Welsch 1969 give the same rule
/// from an eigenproblem; Newton is simpler and as accurate for n ≤ 100).
///
/// ```swift
/// let rule = GaussLegendre(order: 10)
/// rule.integrate(over: 0...1) { $0 * $0 }   // 1/3
/// ```
public struct GaussLegendre: Sendable, Hashable {
    /// The nodes tᵢ in (−1, 1), ascending.
    public let nodes: [Double]
    /// The weights wᵢ (they sum to 2).
    public let weights: [Double]

    public init(order n: Int) {
        precondition((1...100).contains(n), "Gauss–Legendre order must be 1…100, got \(n).")
        var nodes = [Double](repeating: 0, count: n), weights = [Double](repeating: 0, count: n)
        for i in 0..<(n + 1) / 2 {
            var t = Double.cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = t
                for k in 1..<n {
                    let p2 = (Double(2 * k + 1) * t * p1 - Double(k) * p0) / Double(k + 1)
                    p0 = p1
                    p1 = p2
                }
                // p1 = Pₙ(t), p0 = P_{n−1}(t) (for n = 1, P₀ = 1).
                derivative = Double(n) * (t * p1 - p0) / (t * t - 1)
                let step = p1 / derivative
                t -= step
                if abs(step) <= 1e-16 { break }
            }
            nodes[i] = -t
            nodes[n - 1 - i] = t
            let w = 2 / ((1 - t * t) * derivative * derivative)
            weights[i] = w
            weights[n - 1 - i] = w
        }
        self.nodes = nodes
        self.weights = weights
    }

    /// `∫ f` over `interval` by the rule mapped onto it.
    public func integrate(over interval: ClosedRange<Double>, _ f: (Double) -> Double) -> Double {
        let half = (interval.upperBound - interval.lowerBound) / 2, mid = (interval.upperBound + interval.lowerBound) / 2
        var sum = 0.0
        for (t, w) in zip(nodes, weights) { sum += w * f(mid + half * t) }
        return half * sum
    }

    /// The 10-point rule used by the composite Gaussian expectations.
    public static let ten = GaussLegendre(order: 10)
}
