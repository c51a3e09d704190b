import GradscopeNumerics
/// The total gradient norm was NaN or ±Inf and the caller asked for an error
/// (`errorIfNonfinite: true`), as `torch.nn.utils.clip_grad_norm_` raises.
public struct ClippingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The total norm that was not finite.
    public var totalNorm: Double
    /// The norm type p.
    public var normType: Double

    public var description: String {
        "The total norm of order \(normType) for gradients is \(totalNorm), so it cannot be clipped. "
            + "To scale the gradients by the non-finite norm anyway, set errorIfNonfinite to false."
    }
}

extension ParameterGroups {
    /// Rescales the gradients in place so that their total norm is at most `maxNorm`,
    /// exactly as [`torch.nn.utils.clip_grad_norm_`](https://pytorch.org/docs/stable/generated/torch.nn.utils.clip_grad_norm_.html):
    ///
    ///     total = ‖(‖g_1‖_p, …, ‖g_n‖_p)‖_p       (one norm over all groups, see ``norm(type:)``)
    ///     coef  = min(1, maxNorm·(1/(total + 1e−6)))  (NaN stays NaN; ``NormClipping/pytorch(maxNorm:)``)
    ///     g    ← g · coef                          (always multiplied, even when coef = 1)
    ///
    /// The coefficient is computed as PyTorch computes it (`max_norm / tensor` is
    /// `tensor.reciprocal() * max_norm`), so given the same total norm the clipped gradients
    /// are bit-equal to PyTorch's. A norm exactly at `maxNorm` is still scaled by
    /// `maxNorm·(1/(maxNorm + 1e−6))`; a NaN
    /// norm makes every gradient NaN; an infinite norm gives coef = 0, which zeroes the
    /// finite gradients and turns the infinite ones into NaN (Inf·0). In Float16 and
    /// BFloat16 each step of the coefficient is computed in Float32 and rounded to `T`, as PyTorch does.
    ///
    /// - Parameters:
    ///   - maxNorm: the largest total norm allowed.
    ///   - normType: p, 2 by default; `.infinity` for the largest magnitude.
    ///   - errorIfNonfinite: throw instead of scaling when the total norm is NaN or ±Inf.
    /// - Returns: the total norm before clipping.
    /// - Throws: ``ClippingError`` when `errorIfNonfinite` is set and the norm is not finite
    ///   (the gradients are then left unchanged).
    @discardableResult
    public mutating func clipGradNorm(maxNorm: Double, normType: Double = 2, errorIfNonfinite: Bool = false) throws(ClippingError) -> T {
        guard !values.isEmpty else { return 0 }
        let total = norm(type: normType)
        if errorIfNonfinite, !total.isFinite {
            throw ClippingError(totalNorm: Double(total), normType: normType)
        }
        clipGrads(maxNorm: maxNorm, totalNorm: total)
        return total
    }

    /// Multiplies every gradient by `min(1, maxNorm·(1/(totalNorm + 1e−6)))`, with a total norm
    /// computed elsewhere, as `torch.nn.utils.clip_grads_with_norm_` (the second half of
    /// ``clipGradNorm(maxNorm:normType:errorIfNonfinite:)``).
    public mutating func clipGrads(maxNorm: Double, totalNorm: T) {
        scale(by: NormClipping.pytorch(maxNorm: maxNorm).coefficient(forNorm: totalNorm)!)
    }

    /// Clamps every gradient into `[−clipValue, clipValue]` in place, as
    /// [`torch.nn.utils.clip_grad_value_`](https://pytorch.org/docs/stable/generated/torch.nn.utils.clip_grad_value_.html):
    ///
    ///     g ← min(max(g, −clipValue), clipValue)
    ///
    /// ±Inf become ±clipValue; NaN stays NaN. With a negative `clipValue` every gradient
    /// becomes `clipValue` (torch.clamp with min > max gives max).
    public mutating func clipGradValue(_ clipValue: Double) {
        let c = T(clipValue)
        for g in values.indices {
            for i in values[g].indices where !values[g][i].isNaN {
                values[g][i] = Swift.min(Swift.max(values[g][i], -c), c)
            }
        }
    }
}
