import Hummingbird
import GradscopeCharts
import GradscopeCore

/// `/api/view`: what the page redraws after each control change — the three charts and
/// their numbers — in one round trip. Takes the parameters of `/api/curves`.
struct ViewController<Context: RequestContext> {
    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("view", use: view)
    }

    @Sendable func view(request: Request, context: Context) async throws -> ExplorerView {
        let start = ContinuousClock.now
        let settings = try CurvesController<Context>.settings(request)
        let curves = try settings.chartCurves()
        let renderer = ExplorerRenderer(settings: settings)
        let charts = ExplorerView.Charts(values: renderer.valueChart(curves).svg(), slopes: renderer.slopeChart(curves).svg(),
                                         layers: try renderer.layerChart().svg())
        let formats = renderer.formatDepths()
        let elapsed = ContinuousClock.now - start
        return ExplorerView(
            formula: curves.formula, firstLayer: curves.firstLayer, typed: settings.isTyped,
            depth: settings.depth, depths: settings.depths, depthNote: DepthSelection.describe(settings.depths, of: settings.depth),
            precision: settings.precision, overflowLimit: settings.precision.greatestFiniteMagnitude, input: settings.chain.input,
            numbers: curves.curves.map { ExplorerView.DepthNumbers($0, xs: curves.x) },
            formats: formats, charts: charts,
            computeMilliseconds: Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
    }
}
