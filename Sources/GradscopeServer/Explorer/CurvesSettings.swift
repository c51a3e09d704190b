import GradscopeCore

/// What `/api/curves` and `/api/view` draw: a nested formula (typed, or built from the chain
/// controls), the deepest layer L, the depths shown, the x grid and the precision.
///
/// With `formula=` the chain controls `weight` and `bias` still feed the formula's `w` and
/// `b` unless `param.w` / `param.b` are given; with no formula the curves are the chain's.
struct CurvesSettings: Sendable {
    var formula: NestedFormula
    var parameters: [String: Double]
    /// Whether the formula was typed rather than built from the chain controls.
    var isTyped: Bool
    var chain: ChainSettings
    /// The deepest layer L.
    var depth: Int
    /// The depths drawn and returned, ascending, all within 1…L.
    var depths: [Int]
    var xRange: ClosedRange<Double>
    var points: Int
    var precision: Precision

    static let parameterNames: Set<String> = ChainSettings.parameterNames.union(
        ["formula", "first", "depth", "depths", "x", "points", "precision"])
    static let parameterPrefixes = ["param."]

    init(_ query: QueryReader) throws(APIError) {
        chain = try ChainSettings(query)
        depth = try query.integer("depth", in: Limits.depth, default: 3)
        points = try query.integer("points", in: Limits.points, default: 1000)
        xRange = try query.interval("x", default: -1...1)
        precision = try query.choice("precision", default: .float64)
        guard points * depth <= Limits.work else {
            throw APIError("points × depth must be at most \(Limits.work), got \(points) × \(depth) = \(points * depth). Lower points or depth.",
                           parameter: "points")
        }
        if let shown = try query.integerList("depths", in: 1...Limits.depth.upperBound, count: Limits.shownDepths) {
            guard shown.last! <= depth else {
                throw .outOfRange("depths", "depths between 1 and depth = \(depth)", got: query.text("depths")!)
            }
            depths = shown
        } else {
            depths = DepthSelection.shown(upTo: depth)
        }

        if let text = query.text("formula") {
            isTyped = true
            let parsed = try Self.parse(text, first: query.text("first"))
            formula = parsed
            var parameters = ["w": chain.weight, "b": chain.biasValue].filter { parsed.parameters.contains($0.key) }
            let given = query.prefixed("param.")
            guard given.count <= Limits.formulaParameters else {
                throw APIError("At most \(Limits.formulaParameters) param.NAME values are allowed, got \(given.count).", parameter: "param.")
            }
            for (name, text) in given {
                guard !["x", "e", "pi"].contains(name) else {
                    throw APIError("param.\(name) is not allowed: '\(name)' is \(name == "x" ? "the input variable" : "a constant"), not a parameter.",
                                   parameter: "param.\(name)")
                }
                parameters[name] = try QueryReader.number(text, name: "param.\(name)")
            }
            self.parameters = parameters
            if let missing = parsed.parameters.first(where: { parameters[$0] == nil }) {
                throw APIError("The formula uses '\(missing)' but gives it no value. Add param.\(missing)=VALUE to the query (w and b come from weight and bias).",
                               parameter: "param.\(missing)")
            }
        } else {
            guard query.text("first") == nil, query.prefixed("param.").isEmpty else {
                throw APIError("first and param.NAME need a formula. Add formula=… or remove them.", parameter: "formula")
            }
            isTyped = false
            (formula, parameters) = chain.formula()
        }
        let operations = max(formula.layer.expression.operationCount, formula.firstLayer?.expression.operationCount ?? 0, 1)
        guard points * depth * operations <= Limits.operations else {
            throw APIError("The formula has \(operations) operations per layer; points × depth × operations must be at most \(Limits.operations), got \(points) × \(depth) × \(operations) = \(points * depth * operations). Lower points or depth.",
                           parameter: "points")
        }
    }

    /// Parses the layer formula and the optional first-layer formula, with the column of any error.
    static func parse(_ text: String, first: String?) throws(APIError) -> NestedFormula {
        let layer: Formula
        do { layer = try Formula(parsing: text) } catch {
            throw APIError(error.message, parameter: "formula", column: error.column)
        }
        guard let first else { return NestedFormula(layer: layer) }
        do { return NestedFormula(layer: layer, firstLayer: try Formula(parsing: first)) } catch {
            throw APIError(error.message, parameter: "first", column: error.column)
        }
    }

    /// The evenly spaced grid `lower + (upper − lower)·i/(points − 1)`, with 0 in it when the range spans 0.
    var xs: [Double] { SampleGrid.evenlySpaced(xRange, count: points) }

    /// y, dy/dx and ∂y/∂p at the shown depths (the same data as `gradscope plot --format json`).
    func curves() throws(APIError) -> FormulaCurves {
        try evaluate(depths: depths, at: xs)
    }

    /// y and dy/dx at the shown depths for drawing: a chain sweep for the chain controls,
    /// the formula otherwise.
    func chartCurves() throws(APIError) -> FormulaCurves {
        isTyped ? try curves() : precision.visit(ChainCurves(settings: self))
    }

    /// The gradients at one input x for every depth 1…L.
    func curvesByDepth(at x: Double) throws(APIError) -> FormulaCurves {
        try evaluate(depths: Array(1...depth), at: [x])
    }

    private func evaluate(depths: [Int], at xs: [Double]) throws(APIError) -> FormulaCurves {
        do {
            return try FormulaCurves(formula: formula, depths: depths, xs: xs, parameters: parameters, precision: precision)
        } catch {
            throw APIError(error.message, parameter: "formula", column: error.column)
        }
    }
}
