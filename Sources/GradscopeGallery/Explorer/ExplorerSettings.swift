import GradscopeCore

/// What the explorer draws (`/api/curves`, `/api/view`): a nested formula, typed or built from the
/// chain controls, the deepest layer L, the depths shown, the x grid, the precision and the overflow rule.
///
/// With a typed formula the chain controls' weight and bias still feed its `w` and `b` unless
/// other values are given; with no formula the curves are the chain's.
///
/// ```swift
/// let settings = try ExplorerSettings(chain: ChainControls(activation: .tanh), formula: nil, depth: 3)
/// try settings.plot().run(progress: nil).document.curves.count   // 3
/// ```
public struct ExplorerSettings: Sendable {
    /// A setting the explorer cannot use: the query parameter, one sentence, and a formula's column.
    public struct Problem: Error, Sendable, Equatable {
        public var setting: String
        public var message: String
        public var column: Int?
    }

    public var chain: ChainControls
    public var formula: NestedFormula
    /// The layer formula's text and the first layer's, as given (or built from the chain controls).
    public var formulaText: String
    public var firstText: String?
    public var parameters: [String: Double]
    /// Whether the formula was typed rather than built from the chain controls.
    public var isTyped: Bool
    /// The deepest layer L.
    public var depth: Int
    /// The depths drawn and returned, ascending, all within 1…L.
    public var depths: [Int]
    public var x: ClosedRange<Double>
    public var points: Int
    public var precision: Precision
    public var overflow: OverflowRule

    /// - Parameters:
    ///   - formula: the typed layer formula, or nil for the chain controls' own.
    ///   - first: the typed first layer (needs `formula`).
    ///   - given: parameter values given for the typed formula (`param.NAME`).
    ///   - depths: the depths to show, all within 1…`depth`; nil for ``DepthSelection/shown(upTo:)``.
    /// - Throws: ``Problem`` for a formula that does not parse (with its column), a reserved or missing parameter.
    public init(chain: ChainControls, formula typed: String?, first: String? = nil, given: [String: Double] = [:], depth: Int = 3,
                depths: [Int]? = nil, x: ClosedRange<Double> = -1...1, points: Int = 1000, precision: Precision = .float64,
                overflow: OverflowRule = .nonfinite) throws(Problem) {
        self.chain = chain
        self.depth = depth
        self.depths = depths ?? DepthSelection.shown(upTo: depth)
        self.x = x
        self.points = points
        self.precision = precision
        self.overflow = overflow
        guard let typed else {
            isTyped = false
            (formulaText, firstText, parameters) = chain.formula()
            formula = try! NestedFormula(parsing: formulaText, firstLayer: firstText)
            return
        }
        isTyped = true
        formulaText = typed
        firstText = first
        let formula = try Self.parse(typed, first: first)
        self.formula = formula
        var parameters = ["w": chain.weight, "b": chain.biasValue].filter { formula.parameters.contains($0.key) }
        for (name, value) in given {
            guard !["x", "e", "pi"].contains(name) else {
                throw Problem(setting: "param.\(name)",
                              message: "param.\(name) is not allowed: '\(name)' is \(name == "x" ? "the input variable" : "a constant"), not a parameter.")
            }
            parameters[name] = value
        }
        self.parameters = parameters
        if let missing = formula.parameters.first(where: { parameters[$0] == nil }) {
            throw Problem(setting: "param.\(missing)",
                          message: "The formula uses '\(missing)' but gives it no value. Add param.\(missing)=VALUE to the query (w and b come from weight and bias).")
        }
    }

    /// Parses the layer formula and the optional first-layer formula, with the column of any error.
    static func parse(_ text: String, first: String?) throws(Problem) -> NestedFormula {
        let layer: Formula
        do { layer = try Formula(parsing: text) } catch { throw Problem(setting: "formula", message: error.message, column: error.column) }
        guard let first else { return NestedFormula(layer: layer) }
        do { return NestedFormula(layer: layer, firstLayer: try Formula(parsing: first)) } catch {
            throw Problem(setting: "first", message: error.message, column: error.column)
        }
    }

    /// The operations of one layer at one point, the larger of the two layers' (at least 1): the cost for a request budget.
    public var operationCount: Int {
        max(formula.layer.expression.operationCount, formula.firstLayer?.expression.operationCount ?? 0, 1)
    }

    /// The same curves as `gradscope plot`: the shown depths, every one in the document.
    public var plotSettings: PlotExperiment.Settings {
        PlotExperiment.Settings(formula: formulaText, firstLayer: firstText, parameters: parameters, x: x, points: points,
                                depths: depths, shownDepths: depths, precision: precision, overflow: overflow)
    }

    /// y, dy/dx and ∂y/∂p at the shown depths: `/api/curves` is this report, as `gradscope plot --depths …` prints it.
    public func plot() throws -> PlotExperiment {
        try PlotExperiment(settings: plotSettings)
    }

    /// y and dy/dx at the shown depths for drawing: one vectorised chain sweep for the chain
    /// controls (split across the cores), the formula otherwise.
    public func chartCurves(progress: (any ExperimentProgress)?) throws -> FormulaCurves {
        if isTyped {
            let document = try plot().run(progress: progress).document
            return FormulaCurves(formula: document.formula, firstLayer: document.firstLayer, precision: precision,
                                 parameters: parameters, x: document.x, curves: document.curves)
        }
        return precision.visit(ChainCurves(settings: self), overflow: overflow)
    }

    /// The gradients at one input x for every depth 1…L.
    public func curvesByDepth(at input: Double) throws -> FormulaCurves {
        try PlotExperiment(settings: .init(formula: formulaText, firstLayer: firstText, parameters: parameters, depths: Array(1...depth),
                                           shownDepths: [depth], precision: precision, overflow: overflow)).curves(at: [input])
    }
}

/// The chain controls' curves from ``Chain/sweep(over:)``: every depth in one vectorised pass.
private struct ChainCurves: PrecisionVisitor {
    let settings: ExplorerSettings

    func visit<T: GradFloat>(_ type: T.Type) -> FormulaCurves {
        let xs = SampleGrid.evenlySpaced(settings.x, count: settings.points).map { T($0) }
        let sweep = settings.chain.chain(depth: settings.depth).sweep(over: xs)
        let curves = settings.depths.map { depth in
            FormulaCurves.Curve(depth: depth, y: sweep.outputs(atDepth: depth).map(Double.init), dydx: sweep.slopes(atDepth: depth).map(Double.init))
        }
        return FormulaCurves(formula: settings.formula.layer.description, firstLayer: settings.formula.firstLayer?.description,
                             precision: settings.precision, parameters: settings.parameters, x: xs.map(Double.init), curves: curves)
    }
}

extension Formula.Expression {
    /// The operations one evaluation performs (negations, binary operators, calls): the
    /// cost of one layer at one point.
    var operationCount: Int {
        switch self {
        case .number, .pi, .e, .x, .parameter: 0
        case .negate(let a): 1 + a.operationCount
        case .binary(_, let a, let b): 1 + a.operationCount + b.operationCount
        case .call(_, let arguments): arguments.reduce(1) { $0 + $1.operationCount }
        }
    }
}
