import GradscopeCore

/// The chain controls' curves from ``Chain/sweep(over:)`` — every depth in one vectorised
/// pass split across the cores — for the page's charts. y and dy/dx only: `/api/curves` (JSON,
/// CSV) evaluates the same chain as a formula and adds ∂y/∂w and ∂y/∂b.
struct ChainCurves: PrecisionVisitor {
    let settings: CurvesSettings

    func visit<T: GradFloat>(_ type: T.Type) -> FormulaCurves {
        let xs = settings.xs.map { T($0) }
        let sweep = settings.chain.chain(depth: settings.depth).sweep(over: xs)
        let curves = settings.depths.map { depth in
            FormulaCurves.Curve(depth: depth, y: sweep.outputs(atDepth: depth).map(Double.init),
                                dydx: sweep.slopes(atDepth: depth).map(Double.init))
        }
        return FormulaCurves(formula: settings.formula.layer.description, firstLayer: settings.formula.firstLayer?.description,
                             precision: settings.precision, parameters: settings.parameters, x: xs.map(Double.init), curves: curves)
    }
}
