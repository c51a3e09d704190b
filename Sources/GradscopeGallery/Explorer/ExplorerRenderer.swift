import GradscopeCharts
import GradscopeCore

/// Draws the explorer's three charts with the same chart code as the CLI and the report.
public struct ExplorerRenderer: Sendable {
    /// Which charts `/api/curves.svg` draws.
    public enum CurvesChart: String, CaseIterable, Sendable {
        case values, slopes, both
    }

    public var settings: ExplorerSettings

    public init(settings: ExplorerSettings) { self.settings = settings }

    /// y(x) at the shown depths, in the post's colours (a pink-to-dark-red ramp beyond three),
    /// each line thinned to the points that show (``LineChart/thinned(tolerance:)``).
    public func valueChart(_ curves: FormulaCurves) -> LineChart {
        curves.valueChart(title: "y = \(curves.formula)\(parameterText), \(DepthSelection.describe(settings.depths, of: settings.depth))")
            .thinned()
    }

    /// |dy/dx| on a log axis, with the precision's overflow line when the slopes come near it.
    public func slopeChart(_ curves: FormulaCurves) -> LineChart {
        curves.slopeChart(title: "|dy/dx|, log scale, \(settings.precision.displayName)").thinned()
    }

    /// `/api/curves.svg`: y(x), |dy/dx| or both side by side, as one SVG document.
    public func curvesSVG(_ chart: CurvesChart, progress: (any ExperimentProgress)?) throws -> String {
        let curves = try settings.chartCurves(progress: progress)
        return switch chart {
        case .values: valueChart(curves).svg()
        case .slopes: slopeChart(curves).svg()
        case .both: SVGStack.horizontal([valueChart(curves), slopeChart(curves)])
        }
    }

    /// Per-layer gradients at x = `at`: the chain's |dy_l/dx|, |∂y_L/∂w_l|, |∂y_L/∂b_l|, or for a typed
    /// formula |dy_L/dx| and |∂y_L/∂p| by depth L.
    public func layerChart() throws -> any SVGChart {
        if settings.isTyped {
            let at = settings.chain.input.shortText, name = settings.precision.displayName
            return try settings.curvesByDepth(at: settings.chain.input)
                .depthChart(title: "Gradients by depth L at x = \(at), \(name)")
        }
        return try chainReport().figures[0].charts[0]
    }

    /// ``ChainExperiment`` for the chain controls: the same table and chart as `/api/chain`.
    public func chainReport() throws -> ExperimentReport<ChainExperiment.Document> {
        try ChainExperiment(settings: settings.chain.experimentSettings(depth: settings.depth, precision: settings.precision,
                                                                       overflow: settings.overflow)).run(progress: nil)
    }

    /// Where each format overflows, for chain controls (nil for a typed formula).
    public func formatDepths(maxDepth: Int) -> [ExplorerView.FormatDepths]? {
        guard !settings.isTyped else { return nil }
        return settings.chain.forecaster(maxDepth: maxDepth, overflow: settings.overflow).forecasts().map {
            .init(precision: $0.precision, overflowDepth: $0.slope.observedOverflowDepth, underflowDepth: $0.slope.observedUnderflowDepth)
        }
    }

    /// ", w = 8, b = 0.5"
    var parameterText: String {
        settings.parameters.keys.sorted().map { ", \($0) = \(settings.parameters[$0]!.shortText)" }.joined()
    }
}
