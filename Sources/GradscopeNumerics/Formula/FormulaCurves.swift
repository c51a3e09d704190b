/// A formula's curves over a grid of x, ready to print, plot or serve:
/// y, dy/dx and ∂y/∂p for each requested depth, computed in one precision and
/// widened exactly to Double.
///
/// ```swift
/// let curves = try FormulaCurves(formula: NestedFormula(parsing: "relu(w*x)"), depths: [1, 2, 3],
///                                xs: [0.5, 1], parameters: ["w": 8], precision: .float32)
/// curves.curves[2].dydx   // [512, 512]
/// ```
public struct FormulaCurves: Codable, Sendable {
    /// One depth's curve (depth `nil` when the formula is not nested).
    public struct Curve: Codable, Sendable {
        public var depth: Int?
        public var y: [Double]
        public var dydx: [Double]
        /// ∂y/∂p for every named parameter p.
        public var parameterGradients: [String: [Double]]
    }

    /// The layer formula in canonical plain math.
    public var formula: String
    /// The first layer's formula, when it differs.
    public var firstLayer: String?
    public var precision: Precision
    public var parameters: [String: Double]
    /// The grid of x (in the chosen precision, widened to Double).
    public var x: [Double]
    public var curves: [Curve]

    /// Evaluates `formula` at each depth in `depths` (or once, un-nested, when `depths` is nil).
    /// - Throws: ``FormulaError`` for a missing or misspelt parameter.
    public init(formula: NestedFormula, depths: [Int]?, xs: [Double], parameters: [String: Double], precision: Precision) throws(FormulaError) {
        let result = precision.visit(CurvesVisitor(formula: formula, depths: depths, xs: xs, parameters: parameters))
        self.formula = formula.layer.description
        self.firstLayer = formula.firstLayer?.description
        self.precision = precision
        self.parameters = parameters
        self.x = try result.get().x
        self.curves = try result.get().curves
    }
}

/// Evaluates the curves in the visited precision.
private struct CurvesVisitor: PrecisionVisitor {
    let formula: NestedFormula
    let depths: [Int]?
    let xs: [Double]
    let parameters: [String: Double]

    func visit<T: GradFloat>(_ type: T.Type) -> Result<(x: [Double], curves: [FormulaCurves.Curve]), FormulaError> {
        let grid = xs.map { T($0) }
        let values = parameters.mapValues { T($0) }
        func widen(_ depth: Int?, _ e: FormulaEvaluation<T>) -> FormulaCurves.Curve {
            .init(depth: depth, y: e.y.map(Double.init), dydx: e.dydx.map(Double.init),
                  parameterGradients: e.parameterGradients.mapValues { $0.map(Double.init) })
        }
        do throws(FormulaError) {
            let curves: [FormulaCurves.Curve]
            if let depths {
                let byDepth = try formula.evaluate(at: grid, depths: depths, parameters: values)
                curves = depths.map { widen($0, byDepth[$0]!) }
            } else {
                curves = [widen(nil, try formula.layer.evaluate(at: grid, parameters: values))]
            }
            return .success((grid.map(Double.init), curves))
        } catch {
            return .failure(error)
        }
    }
}
