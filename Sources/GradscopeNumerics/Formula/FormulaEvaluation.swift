/// A formula's values and exact derivatives at each x of an array.
///
///     y[i] = f(x[i]),   dydx[i] = ∂f/∂x (x[i]),   parameterGradients[p][i] = ∂f/∂p (x[i])
public struct FormulaEvaluation<T: GradFloat>: Sendable {
    /// The values f(x).
    public var y: [T]
    /// The derivatives df/dx, exact (forward mode).
    public var dydx: [T]
    /// For each parameter, ∂f/∂p at every x, exact (reverse mode).
    public var parameterGradients: [String: [T]]

    public init(y: [T], dydx: [T], parameterGradients: [String: [T]]) {
        self.y = y
        self.dydx = dydx
        self.parameterGradients = parameterGradients
    }
}

extension FormulaEvaluation {
    /// One more layer by the chain rule: `step` is the layer evaluated at this evaluation's `y`, so
    ///
    ///     y' = step.y,   dy'/dx = step.dydx · dydx,   ∂y'/∂p = step.dydx · ∂y/∂p + ∂step/∂p
    ///
    /// for every name in `names` (each must have a gradient here; a layer without p adds nothing).
    /// NaN and ±Inf propagate by IEEE arithmetic (0 · Inf is NaN).
    @inlinable
    public func followed(by step: FormulaEvaluation<T>, names: [String]) -> FormulaEvaluation<T> {
        var next = FormulaEvaluation(y: step.y, dydx: zip(step.dydx, dydx).map { $0 * $1 }, parameterGradients: [:])
        for name in names {
            var gradient = zip(step.dydx, parameterGradients[name]!).map { $0 * $1 }
            if let direct = step.parameterGradients[name] {
                for i in gradient.indices { gradient[i] += direct[i] }
            }
            next.parameterGradients[name] = gradient
        }
        return next
    }
}
