extension FormulaCurves {
    /// Curves computed elsewhere (for example by ``Chain/sweep(over:)``), for the same charts and encoders.
    public init(formula: String, firstLayer: String? = nil, precision: Precision, parameters: [String: Double],
                x: [Double], curves: [Curve]) {
        precondition(curves.allSatisfy { $0.y.count == x.count && $0.dydx.count == x.count }, "Every curve needs one y and dy/dx per x.")
        self.formula = formula
        self.firstLayer = firstLayer
        self.precision = precision
        self.parameters = parameters
        self.x = x
        self.curves = curves
    }
}

extension FormulaCurves.Curve {
    /// A curve without parameter gradients.
    public init(depth: Int?, y: [Double], dydx: [Double]) {
        self.depth = depth
        self.y = y
        self.dydx = dydx
        self.parameterGradients = [:]
    }
}
