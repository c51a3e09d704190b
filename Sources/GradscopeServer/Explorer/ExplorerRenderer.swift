import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// Draws the explorer's three charts with the same chart code as the CLI and the report.
struct ExplorerRenderer {
    var settings: CurvesSettings

    /// y(x) at the shown depths, in the post's colours (a pink-to-dark-red ramp beyond three),
    /// each line thinned to the points that show (``LineChart/thinned(tolerance:)``).
    func valueChart(_ curves: FormulaCurves) -> LineChart {
        curves.valueChart(title: "y = \(curves.formula)\(parameterText), \(DepthSelection.describe(settings.depths, of: settings.depth))")
            .thinned()
    }

    /// |dy/dx| on a log axis, with the precision's overflow line when the slopes come near it.
    func slopeChart(_ curves: FormulaCurves) -> LineChart {
        curves.slopeChart(title: "|dy/dx|, log scale, \(settings.precision.displayName)").thinned()
    }

    /// Per-layer gradients at x = `at`: the chain's |dy_l/dx|, |∂y_L/∂w_l|, |∂y_L/∂b_l|, or for a typed
    /// formula |dy_L/dx| and |∂y_L/∂p| by depth L.
    func layerChart() throws -> any SVGChart {
        if settings.isTyped {
            let at = settings.chain.input.shortText, name = settings.precision.displayName
            return try settings.curvesByDepth(at: settings.chain.input)
                .depthChart(title: "Gradients by depth L at x = \(at), \(name)")
        }
        return try chainReport().figures[0].charts[0]
    }

    /// ``ChainExperiment`` for the chain controls: the same table and chart as `/api/chain`.
    func chainReport() throws -> ExperimentReport<ChainExperiment.Document> {
        let chain = settings.chain.experimentSettings(depth: settings.depth, precision: settings.precision)
        return try runExperiment { try ChainExperiment(settings: chain) }
    }

    /// Where each format overflows, for chain controls (nil for a typed formula).
    func formatDepths() -> [ExplorerView.FormatDepths]? {
        guard !settings.isTyped else { return nil }
        return settings.chain.forecaster(maxDepth: Limits.depth.upperBound).forecasts().map {
            .init(precision: $0.precision, overflowDepth: $0.slope.observedOverflowDepth, underflowDepth: $0.slope.observedUnderflowDepth)
        }
    }

    /// ", w = 8, b = 0.5"
    var parameterText: String {
        settings.parameters.keys.sorted().map { ", \($0) = \(settings.parameters[$0]!.shortText)" }.joined()
    }
}
