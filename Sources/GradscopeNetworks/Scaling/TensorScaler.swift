import GradscopeNumerics

/// The scale of one tensor (one input of one matrix product) under a per-tensor recipe,
/// and for `delayed` its amax history.
///
///     current:  s = max_format / amax(x) / 2^margin        (amax = 0 or non-finite: s = 1)
///     delayed:  s = max_format / amax_h / 2^margin,  amax_h = max (or last) of the history
///
/// A delayed scale is used first, then the tensor's amax is recorded and the next scale
/// computed (Transformer Engine's order); amax = 0 keeps the scale, a non-finite amax is
/// reported (``skippedAmaxes``) and not recorded.
public struct TensorScaler: Sendable {
    public let recipe: ScalingRecipe
    public let formatMaximum: Double
    /// The scale the next cast uses (delayed) or used last (current).
    public private(set) var scale: Float = 1
    /// The recorded amaxes, oldest first (delayed only), at most `history` of them.
    public private(set) var history: [Float] = []
    /// How many amaxes were non-finite and skipped.
    public private(set) var skippedAmaxes = 0

    public init(recipe: ScalingRecipe, format: NarrowFormat) {
        self.recipe = recipe
        self.formatMaximum = format.greatestFiniteMagnitude
    }

    /// `max_format / amax / 2^margin`, in Float32 as Transformer Engine computes it; nil when
    /// amax is 0 or not finite (the scale is then kept).
    public func scale(forAmax amax: Float, margin: Int) -> Float? {
        guard amax.isFinite, amax > 0 else { return nil }
        let scale = Float(formatMaximum) / amax / Float(sign: .plus, exponent: margin, significand: 1)
        return scale.isFinite ? scale : Float.greatestFiniteMagnitude
    }

    /// The scale for casting `values` now: for `current` computed from them, for `delayed`
    /// the one from the history (call ``record(_:)`` after the cast), 1 for `none`.
    public mutating func scale(for values: [Float]) -> Float {
        switch recipe {
        case .current(let margin):
            scale = scale(forAmax: NarrowCast.amax(values), margin: margin) ?? 1
        case .none, .mx:
            scale = 1
        case .delayed:
            break
        }
        return scale
    }

    /// Records a tensor's amax after its cast (delayed scaling) and updates the scale.
    public mutating func record(_ amax: Float) {
        guard case .delayed(let length, let margin, let rule) = recipe else { return }
        guard amax.isFinite else { skippedAmaxes += 1; return }
        history.append(amax)
        if history.count > length { history.removeFirst(history.count - length) }
        let chosen = rule == .max ? history.max()! : history.last!
        if let next = scale(forAmax: chosen, margin: margin) { scale = next }
    }
}
