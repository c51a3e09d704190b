import GradscopeNumerics
import RealModule

/// Adam's first and second moment estimates and step count, carried from step to step.
public final class OptimizerState<T: GradFloat>: @unchecked Sendable {
    var m: [[T]] = [], v: [[T]] = []
    var t = 0

    public init() {}

    /// An independent copy (the replay of a step starts from the moments before it).
    func copy() -> OptimizerState {
        let other = OptimizerState()
        other.m = m; other.v = v; other.t = t
        return other
    }

    /// `m̂/(√v̂ + ε)` for the gradients `factor·g`, after updating the moments.
    func adamDirection(_ g: ParameterGroups<T>, factor: T, beta1: Double, beta2: Double, epsilon: Double) -> ParameterGroups<T> {
        if m.isEmpty { m = g.values.map { [T](repeating: 0, count: $0.count) }; v = m }
        t += 1
        let b1 = T(beta1), b2 = T(beta2), eps = T(epsilon)
        let c1 = T(1 - Double.pow(beta1, Double(t))), c2 = T(1 - Double.pow(beta2, Double(t)))
        var direction = g
        for k in g.values.indices {
            for i in g.values[k].indices {
                let x = factor * g.values[k][i]
                m[k][i] = b1 * m[k][i] + (1 - b1) * x
                v[k][i] = b2 * v[k][i] + (1 - b2) * x * x
                direction.values[k][i] = (m[k][i] / c1) / ((v[k][i] / c2).squareRoot() + eps)
            }
        }
        return direction
    }
}
