import GradscopeNumerics
import RealModule

extension ParameterGroups {
    /// The p-norm of each group, as `torch.linalg.vector_norm` computes it:
    ///
    ///     p = 2:   √(Σ x²)          p = ∞:  max |x|          other p ≥ 1:  (Σ |x|^p)^(1/p)
    ///
    /// Sums are accumulated in `T`, except in Float16 and BFloat16, whose sums PyTorch
    /// accumulates in Float32 (its "opmath" type) before rounding the norm once to `T`.
    /// So a Float32 gradient of 1e20 has norm +Inf (its square overflows), as in PyTorch.
    /// NaN anywhere in a group gives NaN (also for p = ∞).
    public func groupNorms(type p: Double = 2) -> [T] {
        values.map { ParameterGroups.norm(of: $0, type: p) }
    }

    /// The norm of all numbers together: the p-norm of the group norms (PyTorch's
    /// `clip_grad_norm_` total norm; 0 when there are no groups).
    public func norm(type p: Double = 2) -> T {
        ParameterGroups.norm(of: groupNorms(type: p), type: p)
    }

    /// The p-norm of one array (see ``groupNorms(type:)``).
    static func norm(of xs: [T], type p: Double) -> T {
        precondition(p >= 1, "A norm needs p ≥ 1, got \(p).")
        if p == .infinity {
            var m: T = 0
            for x in xs {
                if x.isNaN { return x }
                m = Swift.max(m, x.magnitude)
            }
            return m
        }
        if T.precision == .float16 || T.precision == .bfloat16 {
            return T(sum(of: xs.map { Float($0) }, power: Float(p)))
        }
        return sum(of: xs, power: T(p))
    }

    /// `(Σ |x|^p)^(1/p)` accumulated in `A`.
    private static func sum<A: GradFloat>(of xs: [A], power p: A) -> A {
        var s: A = 0
        if p == 2 {
            for x in xs { s += x * x }
            return s.squareRoot()
        }
        for x in xs { s += A.pow(x.magnitude, p) }
        return A.pow(s, 1 / p)
    }
}
