import Foundation
import GradscopeCore

extension PlotExperiment {
    /// Evaluates the formula layer after layer over the whole grid and hands each requested depth's
    /// curve to `each` as soon as that layer is done, so memory holds one layer, not every depth:
    ///
    ///     y_1 = g(x),  y_l = f(y_{l−1}),  dy_l/dx = f'(y_{l−1})·dy_{l−1}/dx,
    ///     ∂y_l/∂p = ∂f/∂p(y_{l−1}) + f'(y_{l−1})·∂y_{l−1}/∂p
    ///
    /// (the recurrence of ``NestedFormula/evaluate(at:depths:parameters:)``, with the same bits).
    /// The grid is split into chunks of whole multiples of 64 points, one per core; each point is
    /// evaluated on its own, so the split does not change a bit. Every value is rounded to the
    /// precision under the overflow rule.
    ///
    /// - Returns: the grid, rounded to the precision and widened to Double.
    /// - Throws: ``SettingsError`` for a parameter problem, `CancellationError` once `progress` is cancelled
    ///   (checked after every layer), or what `each` throws.
    func walk(at xs: [Double]? = nil, progress: (any ExperimentProgress)?, each: (FormulaCurves.Curve) throws -> Void) throws -> [Double] {
        let formula = try settings.nestedFormula()
        return try withoutActuallyEscaping(each) { each in
            try settings.precision.visit(Walker(settings: settings, xs: xs ?? settings.xs, formula: formula, progress: progress, each: each),
                                         overflow: settings.overflow).get()
        }
    }

    /// The grid of x rounded to the precision (under the overflow rule) and widened to Double.
    func roundedGrid() -> [Double] {
        settings.precision.visit(GridRounder(xs: settings.xs), overflow: settings.overflow)
    }

    private struct GridRounder: PrecisionVisitor {
        let xs: [Double]
        func visit<T: GradFloat>(_ type: T.Type) -> [Double] { xs.map { Double(T($0)) } }
    }

    private struct Walker: PrecisionVisitor {
        let settings: Settings
        let xs: [Double]
        let formula: NestedFormula
        let progress: (any ExperimentProgress)?
        let each: (FormulaCurves.Curve) throws -> Void

        func visit<T: GradFloat>(_ type: T.Type) -> Result<[Double], any Error> {
            Result { try walk(T.self) }
        }

        private func walk<T: GradFloat>(_: T.Type) throws -> [Double] {
            let grid = xs.map { T($0) }
            let values = settings.parameters.mapValues { T($0) }
            let names = formula.parameters
            let chunks = Self.chunks(of: grid.count)
            guard let depths = settings.depths else {
                let result = try Self.evaluate(formula.layer, at: grid, parameters: values)
                var gradients = result.parameterGradients
                for name in names where gradients[name] == nil { gradients[name] = [T](repeating: 0, count: grid.count) }
                try each(Self.widen(nil, FormulaEvaluation(y: result.y, dydx: result.dydx, parameterGradients: gradients)))
                return grid.map(Double.init)
            }
            let wanted = Set(depths), deepest = depths.last!
            // Layer 1 on each chunk, with a zero gradient for the parameters it does not use.
            var state = try chunks.map { range -> FormulaEvaluation<T> in
                var first = try Self.evaluate(formula.firstLayer ?? formula.layer, at: Array(grid[range]), parameters: values)
                for name in names where first.parameterGradients[name] == nil {
                    first.parameterGradients[name] = [T](repeating: 0, count: range.count)
                }
                return first
            }
            for depth in 1...deepest {
                if depth > 1 {
                    let previous = state
                    state = ParallelGrid.map(previous.count) { c in Self.advance(previous[c], through: formula.layer, parameters: values, names: names) }
                }
                if wanted.contains(depth) { try each(Self.widen(depth, Self.joined(state, names: names))) }
                if progress?.isCancelled == true { throw CancellationError() }
                progress?.update(stage: "depth", done: depth, total: deepest)
            }
            return grid.map(Double.init)
        }

        /// Up to one chunk per core, each a multiple of 64 points long (the last one shorter).
        static func chunks(of count: Int) -> [Range<Int>] {
            let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / 4096))
            let length = max(64, ((count + parts - 1) / parts + 63) / 64 * 64)
            return stride(from: 0, to: count, by: length).map { $0..<min($0 + length, count) }
        }

        static func evaluate<T: GradFloat>(_ formula: Formula, at xs: [T], parameters: [String: T]) throws -> FormulaEvaluation<T> {
            do { return try formula.evaluate(at: xs, parameters: parameters) } catch { throw SettingsError(error) }
        }

        /// One more layer: the step's values, and the chain rule for dy/dx and every ∂y/∂p.
        static func advance<T: GradFloat>(_ current: FormulaEvaluation<T>, through layer: Formula, parameters: [String: T],
                                          names: [String]) -> FormulaEvaluation<T> {
            // The parameters were checked before the first layer, so this cannot throw.
            current.followed(by: try! layer.evaluate(at: current.y, parameters: parameters), names: names)
        }

        static func joined<T: GradFloat>(_ parts: [FormulaEvaluation<T>], names: [String]) -> FormulaEvaluation<T> {
            guard parts.count > 1 else { return parts[0] }
            return FormulaEvaluation(y: parts.flatMap(\.y), dydx: parts.flatMap(\.dydx),
                                     parameterGradients: Dictionary(uniqueKeysWithValues: names.map { name in (name, parts.flatMap { $0.parameterGradients[name]! }) }))
        }

        /// Widened exactly to Double.
        static func widen<T: GradFloat>(_ depth: Int?, _ e: FormulaEvaluation<T>) -> FormulaCurves.Curve {
            var curve = FormulaCurves.Curve(depth: depth, y: e.y.map(Double.init), dydx: e.dydx.map(Double.init))
            curve.parameterGradients = e.parameterGradients.mapValues { $0.map(Double.init) }
            return curve
        }
    }
}
