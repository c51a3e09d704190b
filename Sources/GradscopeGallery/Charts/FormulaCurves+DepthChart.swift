import GradscopeCharts
import GradscopeCore

extension FormulaCurves {
    /// How the gradients at one input grow or shrink with depth: |dy_L/dx| and |∂y_L/∂p| for
    /// every evaluated depth L on a log axis, with the precision's limits where the values come near them.
    ///
    /// Meant for curves evaluated at a single x over depths 1…L (the nested formula's
    /// counterpart of ``ChainCharts/layerGradients(_:title:caption:)``).
    ///
    /// ```swift
    /// let curves = try FormulaCurves(formula: nested, depths: Array(1...50), xs: [0], parameters: ["w": 8], precision: .float32)
    /// let chart = curves.depthChart(at: 0)
    /// ```
    public func depthChart(at index: Int = 0, title: String? = nil, caption: String = "") -> LineChart {
        precondition(x.indices.contains(index), "Index \(index) is outside the grid of \(x.count) points.")
        let depths = curves.enumerated().map { Double($0.element.depth ?? $0.offset + 1) }
        let names = curves.first.map { $0.parameterGradients.keys.sorted() } ?? []
        var columns: [(String, [Double])] = [("|dy_L/dx|", curves.map { $0.dydx[index].magnitude })]
        for name in names {
            columns.append(("|∂y_L/∂\(name)|", curves.map { $0.parameterGradients[name]![index].magnitude }))
        }
        let series = columns.enumerated().map { i, column in
            Series(name: column.0, xs: depths, ys: column.1, colour: i == 0 ? "#8B0000" : Palette.categoricalColour(i - 1))
        }
        return LineChart(title: title ?? "Gradients by depth at x = \(NumberText.caption(x[index]))", caption: caption,
                         xLabel: "depth L", yLabel: "magnitude", yScale: .log10, series: series,
                         markers: MarkerLine.limits(of: precision, near: columns.flatMap(\.1)))
    }
}
