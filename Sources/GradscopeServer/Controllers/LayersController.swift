import Hummingbird
import GradscopeCharts
import GradscopeCore

/// `/api/layers.svg`, `/api/layers.csv`: the page's per-layer chart and its data, for the
/// parameters of `/api/view` — the chain's per-layer table, or for a typed formula the
/// curves at x = `at` for every depth 1…L.
struct LayersController<Context: RequestContext> {
    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("layers.svg", use: svg)
            .get("layers.csv", use: csv)
    }

    @Sendable func svg(request: Request, context: Context) async throws -> DocumentResponse {
        let settings = try CurvesController<Context>.settings(request)
        return DocumentResponse(kind: .svg, text: try ExplorerRenderer(settings: settings).layerChart().svg(), fileName: "gradscope-layers.svg")
    }

    @Sendable func csv(request: Request, context: Context) async throws -> DocumentResponse {
        let settings = try CurvesController<Context>.settings(request)
        let text = settings.isTyped
            ? try settings.curvesByDepth(at: settings.chain.input).csv
            : try ExplorerRenderer(settings: settings).chainReport().table.csv
        return DocumentResponse(kind: .csv, text: text, fileName: "gradscope-layers.csv")
    }
}
