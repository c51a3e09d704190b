import GradscopeNumerics

/// Gradient norm clipping: the one place where a total norm becomes the factor the gradients
/// are multiplied by. Two rules share it, differing in ε and in when they act:
///
/// - ``pytorch(maxNorm:)`` — `torch.nn.utils.clip_grad_norm_` (ε = 1e−6), computed as PyTorch
///   computes `max_norm / (total_norm + 1e-6)` (a Python float divided by a tensor is
///   `tensor.reciprocal() * max_norm`):
///
///       coef = min(1, maxNorm · (1 / (‖g‖ + ε)))   in T, always applied (NaN stays NaN)
///
///   In Float16 and BFloat16 each operation is done in Float32 and rounded to `T`, as
///   PyTorch's CPU kernels do. An infinite norm gives coef = 0; a NaN norm gives NaN.
/// - ``pascanu(threshold:)`` — Pascanu, Mikolov & Bengio 2013, Algorithm 1 (ε = 0):
///
///       if ‖g‖ > threshold:  coef = threshold / ‖g‖   (a division, as written in the paper)
///       otherwise:           no scaling (nil)
///
///   A NaN norm is never above the threshold (nil: unchanged); +Inf gives coef = 0.
///
/// ```swift
/// NormClipping.pytorch(maxNorm: 1).coefficient(forNorm: 5.0)    // 1·(1/(5 + 1e−6))
/// NormClipping.pascanu(threshold: 1).coefficient(forNorm: 0.5)  // nil
/// ```
public struct NormClipping: Hashable, Sendable {
    /// When the factor is applied.
    public enum Rule: Hashable, Sendable {
        /// Always, clamped to 1 (PyTorch).
        case clampedAlways
        /// Only when the norm exceeds the threshold (Pascanu's Algorithm 1).
        case aboveThreshold
    }

    /// The largest total norm allowed.
    public var maxNorm: Double
    /// ε added to the norm before dividing.
    public var epsilon: Double
    public var rule: Rule

    public init(maxNorm: Double, epsilon: Double, rule: Rule) {
        self.maxNorm = maxNorm
        self.epsilon = epsilon
        self.rule = rule
    }

    /// `torch.nn.utils.clip_grad_norm_`'s rule: ε = 1e−6, always multiplied, clamped to 1.
    public static func pytorch(maxNorm: Double) -> NormClipping {
        NormClipping(maxNorm: maxNorm, epsilon: 1e-6, rule: .clampedAlways)
    }

    /// Pascanu's Algorithm 1: ε = 0, applied only when the norm exceeds `threshold`.
    public static func pascanu(threshold: Double) -> NormClipping {
        NormClipping(maxNorm: threshold, epsilon: 0, rule: .aboveThreshold)
    }

    /// The factor to multiply the gradients by, given their total norm; nil when they are
    /// left as they are (Pascanu's rule at or below the threshold, or a NaN norm).
    public func coefficient<T: GradFloat>(forNorm total: T) -> T? {
        switch rule {
        case .clampedAlways:
            let coef: T
            if T.precision == .float16 || T.precision == .bfloat16 {
                let shifted = T(Float(total) + Float(epsilon))
                let reciprocal = T(1 / Float(shifted))
                coef = T(Float(reciprocal) * Float(maxNorm))
            } else {
                coef = (1 / (total + T(epsilon))) * T(maxNorm)
            }
            return coef.isNaN ? coef : Swift.min(coef, 1)
        case .aboveThreshold:
            guard total > T(maxNorm) else { return nil }
            return T(maxNorm) / (total + T(epsilon))
        }
    }
}
