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
