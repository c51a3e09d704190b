import GradscopeNumerics
/// Points (x, t) to fit: the inputs and the targets of a regression loss.
///
/// ```swift
/// let data = try RegressionData(xs: [-1, 0, 1], target: Formula(parsing: "0.5*x + 0.25"))
/// data.targets   // [-0.25, 0.25, 0.75]
/// ```
public struct RegressionData: Hashable, Sendable {
    /// The inputs x.
    public var xs: [Double]
    /// The targets t, one per x.
    public var targets: [Double]

    public init(xs: [Double], targets: [Double]) {
        precondition(xs.count == targets.count, "\(xs.count) inputs for \(targets.count) targets.")
        precondition(!xs.isEmpty, "Regression data needs at least one point.")
        self.xs = xs
        self.targets = targets
    }

    /// Targets `t = f(x)` computed in Double from a formula in x (and the given parameters).
    ///
    /// - Throws: ``FormulaError`` when the formula needs a parameter that has no value.
    public init(xs: [Double], target: Formula, parameters: [String: Double] = [:]) throws(FormulaError) {
        let used = parameters.filter { target.parameters.contains($0.key) }
        self.init(xs: xs, targets: try target.evaluate(at: xs, parameters: used).y)
    }

    /// The number of points n.
    public var count: Int { xs.count }
}
