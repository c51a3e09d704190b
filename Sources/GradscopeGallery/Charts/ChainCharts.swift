import Foundation
import RealModule
import GradscopeCharts
import GradscopeCore

/// Charts of a single-unit chain's per-layer numbers.
public enum ChainCharts {
    /// |dy_l/dx|, |∂y_L/∂w_l| and |∂y_L/∂b_l| against the layer l on a log axis, with the
    /// format's overflow and underflow lines where the values come near them.
    public static func layerGradients<T: GradFloat>(_ trace: ChainTrace<T>, title: String, caption: String = "") -> LineChart {
        let layers = trace.layers.map { Double($0.index) }
        let columns: [(String, [Double], Colour)] = [
            ("|dy_l/dx|", trace.layers.map { Double($0.dydx).magnitude }, "#8B0000"),
            ("|∂y_L/∂w_l|", trace.layers.map { Double($0.outputGradientWeight).magnitude }, "#1F77B4"),
            ("|∂y_L/∂b_l|", trace.layers.map { Double($0.outputGradientBias).magnitude }, "#FF7F0E"),
        ]
        let series = columns.map { Series(name: $0.0, xs: layers, ys: $0.1, colour: $0.2) }
        return LineChart(title: title, caption: caption, xLabel: "layer l", yLabel: "magnitude", yScale: .log10,
                         series: series, markers: MarkerLine.limits(of: T.precision, near: columns.flatMap(\.1)))
    }

    /// The post's "product of the weights": log10|dy_L/dx| against depth L (exact, beyond
    /// every format's range), with each format's largest finite and smallest subnormal value.
    public static func overflowDepths(_ forecaster: OverflowForecaster, through depth: Int, title: String, caption: String = "",
                                      precisions: [Precision] = Precision.wideFormats) -> LineChart {
        let logs = Array(forecaster.prefix(depth).log10SlopeMagnitudes())
        let series = Series(name: "log10 |dy_L/dx|", xs: logs.indices.map { Double($0 + 1) }, ys: logs, colour: "#8B0000")
        let finite = logs.filter(\.isFinite)
        let low = (finite.min() ?? 0) - 5, high = (finite.max() ?? 0) + 5
        var markers: [MarkerLine] = []
        for precision in precisions {
            let top = Double.log10(precision.greatestFiniteMagnitude), bottom = Double.log10(precision.leastNonzeroMagnitude)
            if (low...high).contains(top) { markers.append(MarkerLine(y: top, label: "\(precision.displayName) max \(NumberText.caption(precision.greatestFiniteMagnitude))")) }
            if (low...high).contains(bottom) { markers.append(MarkerLine(y: bottom, label: "\(precision.displayName) min \(NumberText.caption(precision.leastNonzeroMagnitude))")) }
        }
        return LineChart(title: title, caption: caption, xLabel: "depth L", yLabel: "log10 |dy_L/dx|",
                         series: [series], markers: markers)
    }
}

extension OverflowForecaster {
    /// The same chain examined only up to `depth`.
    func prefix(_ depth: Int) -> OverflowForecaster {
        var copy = self
        copy.maxDepth = max(1, min(depth, maxDepth))
        return copy
    }
}
