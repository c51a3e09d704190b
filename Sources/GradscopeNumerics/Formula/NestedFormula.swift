/// A formula applied to its own output, layer after layer: in the layer formula
/// `x` means the previous layer's output.
///
///     y_1 = g(x)  (g = firstLayer, or f),    y_l = f(y_{l−1})
///     dy_l/dx = f'(y_{l−1}) · dy_{l−1}/dx
///     ∂y_l/∂p = ∂f/∂p (y_{l−1}) + f'(y_{l−1}) · ∂y_{l−1}/∂p
///
/// Each layer is evaluated once over the whole x array (forward mode for f', reverse
/// mode inside the layer for ∂f/∂p); the chain rule across layers is accumulated
/// forward, so one pass gives every depth up to the deepest requested.
///
/// ```swift
/// // The post's S5: sig(w·x), then sig(w·y − w/2).
/// let s5 = try NestedFormula(parsing: "sig(w*x - w/2)", firstLayer: "sig(w*x)")
/// let curves = try s5.evaluate(at: xs, depths: [1, 2, 3], parameters: ["w": 8.0])
/// ```
public struct NestedFormula: Hashable, Sendable {
    /// The formula of every layer (but the first, if ``firstLayer`` is set).
    public let layer: Formula
    /// The formula of layer 1, when it differs.
    public let firstLayer: Formula?

    public init(layer: Formula, firstLayer: Formula? = nil) {
        self.layer = layer
        self.firstLayer = firstLayer
    }

    /// Parses the layer formula (and the first layer's, if given).
    /// - Throws: ``FormulaError`` from either text.
    public init(parsing layer: String, firstLayer: String? = nil) throws(FormulaError) {
        self.layer = try Formula(parsing: layer)
        self.firstLayer = try firstLayer.map { (text: String) throws(FormulaError) in try Formula(parsing: text) }
    }

    /// The parameter names of all layers, sorted.
    public var parameters: [String] {
        Set(layer.parameters + (firstLayer?.parameters ?? [])).sorted()
    }

    /// y, dy/dx and the parameter gradients at each requested depth, keyed by depth.
    ///
    /// - Parameters:
    ///   - xs: The inputs of layer 1.
    ///   - depths: Depths ≥ 1, in any order.
    ///   - parameters: A value for every name in ``parameters``.
    /// - Throws: ``FormulaError`` for a missing or reserved parameter.
    public func evaluate<T: GradFloat>(
        at xs: [T], depths: [Int], parameters values: [String: T] = [:]
    ) throws(FormulaError) -> [Int: FormulaEvaluation<T>] {
        precondition(depths.allSatisfy { $0 >= 1 }, "depths start at 1")
        try Formula.check(Set(values.keys), against: [layer] + (firstLayer.map { [$0] } ?? []))
        let wanted = Set(depths)
        let deepest = depths.max() ?? 0
        var results: [Int: FormulaEvaluation<T>] = [:]
        guard deepest >= 1 else { return results }

        let names = parameters
        var current = (firstLayer ?? layer).program.run(at: xs, parameters: values)
        current.parameterGradients = Dictionary(uniqueKeysWithValues: names.map {
            ($0, current.parameterGradients[$0] ?? [T](repeating: 0, count: xs.count))
        })
        if wanted.contains(1) { results[1] = current }
        for depth in stride(from: 2, through: deepest, by: 1) {
            current = current.followed(by: layer.program.run(at: current.y, parameters: values), names: names)
            if wanted.contains(depth) { results[depth] = current }
        }
        return results
    }

    /// y, dy/dx and the parameter gradients at one depth.
    public func evaluate<T: GradFloat>(
        at xs: [T], depth: Int, parameters values: [String: T] = [:]
    ) throws(FormulaError) -> FormulaEvaluation<T> {
        try evaluate(at: xs, depths: [depth], parameters: values)[depth]!
    }
}
