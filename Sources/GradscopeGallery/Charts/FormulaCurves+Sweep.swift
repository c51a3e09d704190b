import GradscopeCore

extension FormulaCurves {
    /// The same curves, only at `depths` (those evaluated); un-nested curves are kept as they are.
    public func keeping(depths: [Int]) -> FormulaCurves {
        var copy = self
        copy.curves = curves.filter { $0.depth.map(depths.contains) ?? true }
        return copy
    }

    /// ``FormulaCurves/init(formula:depths:xs:parameters:precision:)`` in blocks of x, telling
    /// `progress` after each block; the numbers are the same as in one pass (every x is evaluated
    /// on its own, and blocks are multiples of 64 points so that vector lanes line up as before).
    ///
    /// - Parameter blocks: how many blocks at most (1 computes in one pass).
    public static func sweep(formula: NestedFormula, depths: [Int]?, xs: [Double], parameters: [String: Double], precision: Precision,
                             blocks: Int, progress: (_ done: Int, _ total: Int) -> Void) throws(FormulaError) -> FormulaCurves {
        let size = max(64, (xs.count / max(blocks, 1) + 63) / 64 * 64)
        let starts = Array(stride(from: 0, to: xs.count, by: size))
        var result: FormulaCurves?
        for (index, start) in starts.enumerated() {
            let part = try FormulaCurves(formula: formula, depths: depths, xs: Array(xs[start..<min(start + size, xs.count)]),
                                         parameters: parameters, precision: precision)
            if var whole = result {
                whole.x += part.x
                for c in whole.curves.indices {
                    whole.curves[c].y += part.curves[c].y
                    whole.curves[c].dydx += part.curves[c].dydx
                    for (name, values) in part.curves[c].parameterGradients { whole.curves[c].parameterGradients[name]! += values }
                }
                result = whole
            } else {
                result = part
            }
            progress(index + 1, starts.count)
        }
        if let result { return result }
        return try FormulaCurves(formula: formula, depths: depths, xs: xs, parameters: parameters, precision: precision)
    }
}
